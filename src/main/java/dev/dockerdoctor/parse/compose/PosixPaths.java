package dev.dockerdoctor.parse.compose;

import java.util.ArrayDeque;
import java.util.Deque;

/** Host path arithmetic on strings (the parser must not touch the file system). */
public final class PosixPaths {
    private PosixPaths() {
    }

    /** {@code /a/./b/../c//} becomes {@code /a/c}; a relative path stays relative. */
    public static String normalize(String p) {
        if (p == null || p.isEmpty()) return p;
        boolean abs = p.startsWith("/");
        Deque<String> parts = new ArrayDeque<>();
        for (String seg : p.split("/")) {
            if (seg.isEmpty() || seg.equals(".")) continue;
            if (seg.equals("..")) {
                if (!parts.isEmpty() && !parts.peekLast().equals("..")) parts.removeLast();
                else if (!abs) parts.addLast("..");
                continue;
            }
            parts.addLast(seg);
        }
        String joined = String.join("/", parts);
        if (abs) return "/" + joined;
        return joined.isEmpty() ? "." : joined;
    }

    /** {@code rel} against {@code base} (absolute {@code rel} wins), normalized. */
    public static String resolve(String base, String rel) {
        if (rel.startsWith("/")) return normalize(rel);
        return normalize(base + "/" + rel);
    }

    public static String parent(String p) {
        String n = normalize(p);
        int slash = n.lastIndexOf('/');
        if (slash < 0) return ".";
        return slash == 0 ? "/" : n.substring(0, slash);
    }

    public static String fileName(String p) {
        String n = normalize(p);
        int slash = n.lastIndexOf('/');
        return slash < 0 ? n : n.substring(slash + 1);
    }
}
