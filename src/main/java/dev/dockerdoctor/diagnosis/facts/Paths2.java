package dev.dockerdoctor.diagnosis.facts;

/** Host path comparison without touching the file system (rules are pure). */
public final class Paths2 {
    private Paths2() {
    }

    public static String norm(String p) {
        if (p == null) return null;
        String s = p.trim().replaceAll("/+", "/");
        while (s.length() > 1 && s.endsWith("/")) s = s.substring(0, s.length() - 1);
        return s;
    }

    public static boolean same(String a, String b) {
        return a != null && b != null && norm(a).equals(norm(b));
    }

    /** The path is the folder itself or lies under it. */
    public static boolean isUnder(String path, String dir) {
        if (path == null || dir == null) return false;
        String p = norm(path);
        String d = norm(dir);
        return p.equals(d) || p.startsWith(d.endsWith("/") ? d : d + "/");
    }
}
