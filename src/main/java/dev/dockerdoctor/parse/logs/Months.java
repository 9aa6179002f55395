package dev.dockerdoctor.parse.logs;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Abbreviated month names as syslog and a localised {@code journalctl} write them (strftime's {@code %b}):
 * English plus the glibc forms of German, French, Spanish, Italian and Dutch. Matched on bytes, ASCII case ignored.
 */
final class Months {
    private static final Map<String, Integer> BY_NAME = new HashMap<>();
    static final int MAX_BYTES = 8;

    static {
        String[][] names = {
                {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"},
                // German (de_DE: Mär; some older locales Mrz)
                {"jan", "feb", "mär", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "dez"},
                {"", "", "mrz", "", "", "", "", "", "", "", "", ""},
                // French (fr_FR)
                {"janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."},
                // Spanish, Italian, Dutch
                {"ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"},
                {"gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic"},
                {"jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"},
        };
        for (String[] row : names) {
            for (int m = 0; m < 12; m++) {
                if (!row[m].isEmpty()) BY_NAME.putIfAbsent(row[m], m + 1);
            }
        }
    }

    private Months() {
    }

    /** The month (1..12) of the name in {@code b[off, off+len)}, or 0 when it is not one. */
    static int lookup(byte[] b, int off, int len) {
        if (len < 3 || len > MAX_BYTES) return 0;
        // fast path: three ASCII letters, the common case
        if (len == 3) {
            int c0 = b[off] | 0x20, c1 = b[off + 1] | 0x20, c2 = b[off + 2] | 0x20;
            int m = english(c0, c1, c2);
            if (m > 0) return m;
        }
        byte[] lower = new byte[len];
        for (int i = 0; i < len; i++) {
            byte c = b[off + i];
            lower[i] = c >= 'A' && c <= 'Z' ? (byte) (c | 0x20) : c;
        }
        Integer m = BY_NAME.get(new String(lower, StandardCharsets.UTF_8));
        return m == null ? 0 : m;
    }

    private static int english(int a, int b, int c) {
        switch (a) {
            case 'j':
                if (b == 'a' && c == 'n') return 1;
                if (b == 'u' && c == 'n') return 6;
                if (b == 'u' && c == 'l') return 7;
                return 0;
            case 'f': return b == 'e' && c == 'b' ? 2 : 0;
            case 'm':
                if (b == 'a' && c == 'r') return 3;
                if (b == 'a' && c == 'y') return 5;
                return 0;
            case 'a':
                if (b == 'p' && c == 'r') return 4;
                if (b == 'u' && c == 'g') return 8;
                return 0;
            case 's': return b == 'e' && c == 'p' ? 9 : 0;
            case 'o': return b == 'c' && c == 't' ? 10 : 0;
            case 'n': return b == 'o' && c == 'v' ? 11 : 0;
            case 'd': return b == 'e' && c == 'c' ? 12 : 0;
            default: return 0;
        }
    }
}
