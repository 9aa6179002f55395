package dev.dockerdoctor.parse.compose;

import dev.dockerdoctor.parse.compose.YNode.YMap;
import dev.dockerdoctor.parse.compose.YNode.YScalar;
import dev.dockerdoctor.parse.compose.YNode.YSeq;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How compose lays one definition over another (an override file over the main file, a service over the one it
 * extends): mappings merge key by key, scalars and {@code command}-like lists are replaced, {@code volumes} and
 * {@code devices} merge by target, other lists are joined without duplicates. {@code !reset} removes what is under
 * it, {@code !override} replaces it whole.
 */
final class ComposeMerge {
    static final String RESET = "!reset";
    static final String OVERRIDE = "!override";

    /** Lists the later definition replaces rather than joins. */
    private static final Set<String> REPLACED_LISTS = Set.of("command", "entrypoint", "test", "profiles");
    /** Lists whose items are merged by their mount target. */
    private static final Set<String> BY_TARGET = Set.of("volumes", "devices");

    private ComposeMerge() {
    }

    /** The top level of one file over another: services per service, everything else key by key. */
    static YMap mergeTop(YMap base, YMap over) {
        Map<String, YNode> out = new LinkedHashMap<>(base.entries());
        for (Map.Entry<String, YNode> e : over.entries().entrySet()) {
            String key = e.getKey();
            YNode o = e.getValue();
            YNode b = out.get(key);
            if (o.hasTag(RESET)) {
                out.remove(key);
            } else if (key.equals("services") && b instanceof YMap bs && o instanceof YMap os) {
                Map<String, YNode> services = new LinkedHashMap<>(bs.entries());
                os.entries().forEach((name, svc) -> {
                    YNode prev = services.get(name);
                    if (svc.hasTag(RESET)) services.remove(name);
                    else services.put(name, prev instanceof YMap pm && svc instanceof YMap sm ? mergeService(pm, sm) : svc);
                });
                out.put(key, new YMap(services, bs.tag(), bs.line()));
            } else {
                out.put(key, merge(key, b, o));
            }
        }
        return new YMap(out, base.tag(), base.line());
    }

    /** One service over another (override file, or a service over the one it extends). */
    static YMap mergeService(YMap base, YMap over) {
        Map<String, YNode> out = new LinkedHashMap<>(base.entries());
        for (Map.Entry<String, YNode> e : over.entries().entrySet()) {
            String key = e.getKey();
            YNode o = e.getValue();
            if (o.hasTag(RESET)) {
                out.remove(key);
                continue;
            }
            out.put(key, merge(key, out.get(key), o));
        }
        return new YMap(out, base.tag(), base.line());
    }

    static YNode merge(String key, YNode base, YNode over) {
        if (base == null || over.hasTag(OVERRIDE) || YNode.isNull(base)) return over;
        if (base instanceof YMap bm && over instanceof YMap om) {
            Map<String, YNode> out = new LinkedHashMap<>(bm.entries());
            om.entries().forEach((k, v) -> {
                if (v.hasTag(RESET)) out.remove(k);
                else out.put(k, merge(k, out.get(k), v));
            });
            return new YMap(out, om.tag(), om.line());
        }
        if (base instanceof YSeq bs && over instanceof YSeq os) {
            if (REPLACED_LISTS.contains(key)) return over;
            if (BY_TARGET.contains(key)) return byTarget(bs, os);
            // hashed, so that two long lists cost linear time, not quadratic
            Map<String, YNode> items = new LinkedHashMap<>();
            for (YNode n : bs.items()) items.putIfAbsent(canonical(n), n);
            for (YNode n : os.items()) items.putIfAbsent(canonical(n), n);
            return new YSeq(new ArrayList<>(items.values()), os.tag(), os.line());
        }
        // depends_on / networks written as a list in one file and as a mapping in the other
        if ((key.equals("depends_on") || key.equals("networks")) && (base instanceof YSeq || over instanceof YSeq)) {
            return merge(key, asMap(base), asMap(over));
        }
        return over;
    }

    private static YNode byTarget(YSeq base, YSeq over) {
        Map<String, YNode> byTarget = new LinkedHashMap<>();
        int anon = 0;
        for (YNode n : base.items()) byTarget.put(targetOf(n, anon++), n);
        for (YNode n : over.items()) byTarget.put(targetOf(n, anon++), n);
        return new YSeq(new ArrayList<>(byTarget.values()), over.tag(), over.line());
    }

    private static String targetOf(YNode n, int fallback) {
        if (n instanceof YMap m) {
            String t = YNode.text(m.get("target"));
            return t == null ? "#" + fallback : t;
        }
        String s = YNode.text(n);
        if (s == null) return "#" + fallback;
        String[] parts = s.split(":");
        return parts.length >= 2 ? parts[1] : parts[0];
    }

    /** A list of names as a mapping of name to null (depends_on and networks accept both). */
    private static YNode asMap(YNode n) {
        if (!(n instanceof YSeq s)) return n;
        Map<String, YNode> m = new LinkedHashMap<>();
        for (YNode item : s.items()) {
            String name = YNode.text(item);
            if (name != null) m.put(name, new YScalar("", YNode.Kind.NULL, null, item.line()));
        }
        return new YMap(m, s.tag(), s.line());
    }

    /** A text that is equal for equal values (kind included), for de-duplicating list items. */
    static String canonical(YNode n) {
        StringBuilder b = new StringBuilder();
        canonical(n, b);
        return b.toString();
    }

    private static void canonical(YNode n, StringBuilder b) {
        if (n instanceof YScalar x) {
            b.append(x.kind().ordinal()).append(':').append(x.text().length()).append(':').append(x.text());
        } else if (n instanceof YSeq x) {
            b.append('[');
            x.items().forEach(i -> {
                canonical(i, b);
                b.append(',');
            });
            b.append(']');
        } else if (n instanceof YMap x) {
            b.append('{');
            x.entries().forEach((k, v) -> {
                b.append(k.length()).append(':').append(k).append('=');
                canonical(v, b);
                b.append(',');
            });
            b.append('}');
        }
    }

    /** Removes what a {@code !reset} left with nothing to reset (a key reset in the only file that has it). */
    static YNode dropResets(YNode n) {
        if (n instanceof YMap m) {
            Map<String, YNode> out = new LinkedHashMap<>();
            m.entries().forEach((k, v) -> {
                if (!v.hasTag(RESET)) out.put(k, dropResets(v));
            });
            return new YMap(out, m.tag(), m.line());
        }
        if (n instanceof YSeq s) {
            List<YNode> items = new ArrayList<>();
            for (YNode i : s.items()) if (!i.hasTag(RESET)) items.add(dropResets(i));
            return new YSeq(items, s.tag(), s.line());
        }
        return n;
    }
}
