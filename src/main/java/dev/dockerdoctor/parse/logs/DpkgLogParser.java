package dev.dockerdoctor.parse.logs;

import java.time.LocalDateTime;

/** {@code /var/log/dpkg.log} lines: {@code 2021-10-07 06:20:19 upgrade containerd.io:amd64 1.4.9-1 1.4.11-1}. */
public final class DpkgLogParser {
    private DpkgLogParser() {
    }

    /** The entry, or null when the line is not one. */
    public static DpkgEntry parse(String line) {
        if (line == null || line.length() < 21 || line.charAt(10) != ' ') return null;
        LocalDateTime time = AptHistoryParser.date(line.substring(0, 19));
        if (time == null) return null;
        String[] f = line.substring(19).strip().split("\\s+");
        if (f.length == 0 || f[0].isEmpty()) return null;
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

    private static String[] pkg(String spec) {
        int c = spec.indexOf(':');
        return c < 0 ? new String[]{spec, null} : new String[]{spec.substring(0, c), spec.substring(c + 1)};
    }

    private static String version(String v) {
        return "<none>".equals(v) ? null : v;
    }
}
