package dev.dockerdoctor.parse.logs;

import java.time.LocalDateTime;

/** {@code /var/log/dpkg.log} lines: {@code 2021-10-07 06:20:19 upgrade containerd.io:amd64 1.4.9-1 1.4.11-1}. */
public final class DpkgLogParser {
    private DpkgLogParser() {
    }

    /** The entry, or null when the line is not one. */
    public static DpkgEntry parse(String line) {
        if (line == null || line.length() < 21 || line.charAt(10) != ' ') return null;
        LocalDateTime time = Dates.localDateTime(line, 0);
        if (time == null) return null;
        String[] f = words(line, 19);
        if (f.length == 0) return null;
        String action = f[0];
        switch (action) {
            case "install", "upgrade", "remove", "purge", "configure", "trigproc" -> {
                if (f.length < 2) return new DpkgEntry(time, action, null, null, null, null, null);
                String[] pkg = pkg(f[1]);
                return new DpkgEntry(time, action, pkg[0], pkg[1], f.length > 2 ? version(f[2]) : null,
                        f.length > 3 ? version(f[3]) : null, null);
            }
            case "status" -> {
                if (f.length < 3) return new DpkgEntry(time, action, null, null, null, null, null);
                String[] pkg = pkg(f[2]);
                return new DpkgEntry(time, action, pkg[0], pkg[1], null, f.length > 3 ? version(f[3]) : null, f[1]);
            }
            default -> {
                return new DpkgEntry(time, action, null, null, null, null, null);
            }
        }
    }

    /** The space-separated words from {@code from} on (no regex: this runs per line in a cold CLI). */
    private static String[] words(String s, int from) {
        java.util.List<String> out = new java.util.ArrayList<>(5);
        int i = from;
        int n = s.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(s.charAt(i))) i++;
            int start = i;
            while (i < n && !Character.isWhitespace(s.charAt(i))) i++;
            if (i > start) out.add(s.substring(start, i));
        }
        return out.toArray(new String[0]);
    }

    private static String[] pkg(String spec) {
        int c = spec.indexOf(':');
        return c < 0 ? new String[]{spec, null} : new String[]{spec.substring(0, c), spec.substring(c + 1)};
    }

    private static String version(String v) {
        return "<none>".equals(v) ? null : v;
    }
}
