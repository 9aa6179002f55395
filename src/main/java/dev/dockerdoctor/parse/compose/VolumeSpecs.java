package dev.dockerdoctor.parse.compose;

import dev.dockerdoctor.model.VolumeMount;
import dev.dockerdoctor.parse.compose.YNode.YMap;
import dev.dockerdoctor.parse.compose.YNode.YScalar;
import dev.dockerdoctor.parse.compose.YNode.YSeq;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A service's {@code volumes:} entry, short ({@code [SOURCE:]TARGET[:MODE]}) or long ({@code type/source/target}),
 * as a {@link VolumeMount}. A source starting with {@code /}, {@code .} or {@code ~} is a bind mount and is made
 * absolute (relative to the project folder, {@code ~} to the home folder); any other source names a volume.
 */
final class VolumeSpecs {

    /** The mount, or (mount null) why compose refuses the entry. */
    record Parsed(VolumeMount mount, String warning) {
        static Parsed bad(String why) { return new Parsed(null, why); }
    }

    private VolumeSpecs() {
    }

    static Parsed shortSyntax(String spec, String baseDir, String home) {
        if (spec == null || spec.isBlank()) return Parsed.bad("empty volume entry");
        String[] parts = spec.split(":", -1);
        if (parts.length == 1) return new Parsed(new VolumeMount("volume", null, target(parts[0]), false, null), null);
        if (parts.length > 3) return Parsed.bad("invalid spec: " + spec + ": too many colons");
        String source = parts[0];
        String target = target(parts[1]);
        if (source.isEmpty() || target.isEmpty()) return Parsed.bad("invalid spec: " + spec + ": empty section between colons");
        boolean ro = false;
        if (parts.length == 3) {
            for (String opt : parts[2].split(",")) if (opt.equals("ro")) ro = true;
        }
        if (isPath(source)) return new Parsed(new VolumeMount("bind", hostPath(source, baseDir, home), target, ro, null), null);
        return new Parsed(new VolumeMount("volume", source, target, ro, null), null);
    }

    static Parsed longSyntax(YMap m, String baseDir, String home) {
        String type = YNode.text(m.get("type"));
        String source = YNode.text(m.get("source"));
        String target = target(YNode.text(m.get("target")));
        if (type == null) return Parsed.bad("volume entry without a type");
        if (target == null || target.isEmpty()) return Parsed.bad("volume entry without a target");
        String ro = YNode.text(m.get("read_only"));
        boolean readOnly = ro != null && (ro.equalsIgnoreCase("true") || ro.equalsIgnoreCase("yes"));
        if (type.equals("bind")) {
            if (source == null || source.isEmpty()) return Parsed.bad("bind mount to " + target + " without a source");
            return new Parsed(new VolumeMount("bind", hostPath(source, baseDir, home), target, readOnly, null), null);
        }
        return new Parsed(new VolumeMount(type, source == null || source.isEmpty() ? null : source, target, readOnly, null), null);
    }

    /** A container path as compose keeps it: {@code /var/www/html/} is {@code /var/www/html}. */
    private static String target(String t) {
        return t != null && t.startsWith("/") ? PosixPaths.normalize(t) : t;
    }

    static boolean isPath(String source) {
        char c = source.charAt(0);
        return c == '/' || c == '.' || c == '~';
    }

    /** An absolute host path for a bind source, as compose resolves it. */
    static String hostPath(String source, String baseDir, String home) {
        if (source.equals("~")) return PosixPaths.normalize(home);
        if (source.startsWith("~/")) return PosixPaths.resolve(home, source.substring(2));
        if (source.startsWith("/")) return PosixPaths.normalize(source);
        if (source.startsWith("~")) return source; // ~user: another user's home, which we cannot know
        return PosixPaths.resolve(baseDir, source);
    }

    /** A file from another folder with its services' relative bind sources made absolute. */
    static YMap rebaseTree(YMap tree, String dir) {
        if (!(tree.get("services") instanceof YMap services)) return tree;
        Map<String, YNode> out = new LinkedHashMap<>();
        services.entries().forEach((k, v) -> out.put(k, v instanceof YMap m ? rebaseService(m, dir) : v));
        Map<String, YNode> t = new LinkedHashMap<>(tree.entries());
        t.put("services", new YMap(out, services.tag(), services.line()));
        return new YMap(t, tree.tag(), tree.line());
    }

    /** Bind sources written relative to another file's folder, made absolute before that file is merged in. */
    static YMap rebaseService(YMap svc, String dir) {
        if (!(svc.get("volumes") instanceof YSeq vols)) return svc;
        List<YNode> items = new ArrayList<>();
        for (YNode v : vols.items()) {
            if (v instanceof YScalar s && !s.isNull() && s.text().startsWith(".")) {
                int colon = s.text().indexOf(':');
                String src = colon < 0 ? s.text() : s.text().substring(0, colon);
                String rest = colon < 0 ? "" : s.text().substring(colon);
                items.add(new YScalar(PosixPaths.resolve(dir, src) + rest, s.kind(), s.tag(), s.line()));
            } else if (v instanceof YMap m && "bind".equals(YNode.text(m.get("type")))
                    && YNode.text(m.get("source")) != null && YNode.text(m.get("source")).startsWith(".")) {
                Map<String, YNode> e = new LinkedHashMap<>(m.entries());
                e.put("source", YScalar.str(PosixPaths.resolve(dir, YNode.text(m.get("source"))), m.get("source").line()));
                items.add(new YMap(e, m.tag(), m.line()));
            } else {
                items.add(v);
            }
        }
        Map<String, YNode> e = new LinkedHashMap<>(svc.entries());
        e.put("volumes", new YSeq(items, vols.tag(), vols.line()));
        return new YMap(e, svc.tag(), svc.line());
    }
}
