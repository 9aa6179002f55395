package dev.dockerdoctor.diagnosis.facts;

import java.util.Locale;

/** Byte counts as people read them (binary units). */
public final class Bytes {
    private Bytes() {
    }

    public static String human(Long bytes) {
        if (bytes == null) return "?";
        double v = bytes;
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
