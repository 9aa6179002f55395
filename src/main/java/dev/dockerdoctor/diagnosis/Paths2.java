package dev.dockerdoctor.diagnosis;

/** Host path comparison without touching the file system (rules are pure). */
final class Paths2 {
    private Paths2() {
    }

    static String norm(String p) {
        if (p == null) return null;
        String s = p.trim().replaceAll("/+", "/");
        while (s.length() > 1 && s.endsWith("/")) s = s.substring(0, s.length() - 1);
        return s;
    }

    static boolean same(String a, String b) {
        return a != null && b != null && norm(a).equals(norm(b));
    }
}
