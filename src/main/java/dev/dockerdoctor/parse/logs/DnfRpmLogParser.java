package dev.dockerdoctor.parse.logs;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * {@code /var/log/dnf.rpm.log} (dnf 4, RHEL 8/9, Rocky, Alma, Fedora, Amazon Linux 2023), pure: one line per
 * transaction item, {@code 2023-10-05T06:20:11+0000 SUBDEBUG Upgrade: docker-ce-3:24.0.6-1.el9.x86_64}, then
 * {@code Upgraded: docker-ce-3:24.0.5-1.el9.x86_64} for the version it replaced.
 */
public final class DnfRpmLogParser {
    /** One item: its action as dnf writes it (Upgrade, Upgraded, Install, Installed, Erase, Downgrade...), the package. */
    public record Item(OffsetDateTime time, String action, String name, String version) {
    }

    private static final Set<String> ARCHES = Set.of("x86_64", "aarch64", "noarch", "i686", "ppc64le", "s390x", "armv7hl");

    private DnfRpmLogParser() {
    }

    /** The item, or null when the line is not one. */
    public static Item parse(String line) {
        if (line == null || line.length() < 30) return null;
        int sp = line.indexOf(' ');
        if (sp < 20) return null;
        OffsetDateTime time;
        try {
            String stamp = line.substring(0, sp);
            // dnf writes +0000; java wants +00:00
            if (stamp.matches(".*[+-]\\d{4}$")) stamp = stamp.substring(0, stamp.length() - 2) + ":" + stamp.substring(stamp.length() - 2);
            time = OffsetDateTime.parse(stamp);
        } catch (DateTimeParseException e) {
            return null;
        }
        int colon = line.indexOf(": ", sp);
        if (colon < 0) return null;
        String[] head = line.substring(sp + 1, colon).trim().split("\\s+");
        String action = head[head.length - 1];
        String nevra = line.substring(colon + 2).trim();
        if (nevra.isEmpty() || nevra.contains(" ")) return null;
        String[] nv = nameVersion(nevra);
        return nv == null ? null : new Item(time, action, nv[0], nv[1]);
    }

    /** {@code docker-ce-3:24.0.6-1.el9.x86_64} -> {@code docker-ce}, {@code 3:24.0.6-1.el9}. */
    static String[] nameVersion(String nevra) {
        String s = nevra;
        int dot = s.lastIndexOf('.');
        if (dot > 0 && ARCHES.contains(s.substring(dot + 1))) s = s.substring(0, dot);
        int r = s.lastIndexOf('-');
        if (r <= 0) return null;
        int v = s.lastIndexOf('-', r - 1);
        if (v <= 0) return null;
        return new String[]{s.substring(0, v), s.substring(v + 1)};
    }
}
