package dev.dockerdoctor.parse.compose;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value after aliases and merge keys are resolved: a mapping with string keys, a sequence, or a scalar that
 * keeps its text and the type YAML gave it. {@code line} is 1-based (0 when the value was made, not read), and
 * {@code tag} holds a custom tag such as {@code !reset} or {@code !override} (null otherwise).
 */
public sealed interface YNode permits YNode.YMap, YNode.YSeq, YNode.YScalar {

    int line();

    String tag();

    default boolean hasTag(String t) { return t.equals(tag()); }

    /** The scalar kinds YAML resolves plain values to. */
    enum Kind { STR, INT, FLOAT, BOOL, NULL }

    record YMap(Map<String, YNode> entries, String tag, int line) implements YNode {
        private static final Class<?> READ_ONLY = Collections.unmodifiableMap(new LinkedHashMap<>()).getClass();

        public YMap {
            // a map already wrapped read-only by owning() is kept: copying every mapping twice made bombs slower
            if (entries.getClass() != READ_ONLY) entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        /** A mapping over {@code entries}, which the caller hands over and never touches again. */
        static YMap owning(LinkedHashMap<String, YNode> entries, String tag, int line) {
            return new YMap(Collections.unmodifiableMap(entries), tag, line);
        }

        public YNode get(String key) { return entries.get(key); }

        public boolean has(String key) { return entries.containsKey(key); }
    }

    record YSeq(List<YNode> items, String tag, int line) implements YNode {
        public YSeq {
            items = List.copyOf(items);
        }
    }

    record YScalar(String text, Kind kind, String tag, int line) implements YNode {
        public static YScalar str(String s, int line) { return new YScalar(s, Kind.STR, null, line); }

        public boolean isNull() { return kind == Kind.NULL; }
    }

    /** The text of a scalar, or null for null, a mapping or a sequence. */
    static String text(YNode n) {
        return n instanceof YScalar s && !s.isNull() ? s.text() : null;
    }

    static boolean isNull(YNode n) {
        return n == null || n instanceof YScalar s && s.isNull();
    }

    /** A short name of the node's type, for messages. */
    static String typeName(YNode n) {
        if (n == null) return "null";
        if (n instanceof YMap) return "a mapping";
        if (n instanceof YSeq) return "a list";
        YScalar s = (YScalar) n;
        return switch (s.kind()) {
            case STR -> "a string";
            case INT -> "an integer";
            case FLOAT -> "a number";
            case BOOL -> "a boolean";
            case NULL -> "null";
        };
    }
}
