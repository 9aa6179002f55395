package dev.dockerdoctor.parse.compose;

import dev.dockerdoctor.model.VolumeMount;
import dev.dockerdoctor.parse.compose.YNode.YMap;

/**
 * A service's {@code volumes:} entry, short ({@code [SOURCE:]TARGET[:MODE]}) or long ({@code type/source/target}),
 * as a {@link VolumeMount}. A source starting with {@code /}, {@code .} or {@code ~} is a bind mount and is made
 * absolute (relative to the project folder, {@code ~} to the home folder); any other source names a volume.
 */
final class VolumeSpecs {

    /** The mount, or (mount null) why the entry made no sense. */
    record Parsed(VolumeMount mount, String warning) {
        static Parsed bad(String why) { return new Parsed(null, why); }
    }

    private VolumeSpecs() {
    }

    static Parsed shortSyntax(String spec, String baseDir, String home) {
        if (spec == null || spec.isBlank()) return Parsed.bad("empty volume entry");
        String[] parts = spec.split(":", -1);
        if (parts.length == 1) return new Parsed(new VolumeMount("volume", null, target(parts[0]), false, null), null);
        if (parts.length > 3) return Parsed.bad("volume \"" + spec + "\" has too many colons");
        String source = parts[0];
        String target = target(parts[1]);
        if (source.isEmpty() || target.isEmpty()) return Parsed.bad("volume \"" + spec + "\" has an empty source or target");
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
}
