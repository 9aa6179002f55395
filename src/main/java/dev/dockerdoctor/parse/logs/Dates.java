package dev.dockerdoctor.parse.logs;

/** Calendar arithmetic without allocation, for scans that look at every line. */
public final class Dates {
    private Dates() {
    }

    public static boolean isLeap(int year) {
        return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    public static int lengthOfMonth(int year, int month) {
        switch (month) {
            case 2: return isLeap(year) ? 29 : 28;
            case 4: case 6: case 9: case 11: return 30;
            default: return 31;
        }
    }

    /** Days since 1970-01-01 of a valid proleptic Gregorian date (H. Hinnant's days_from_civil). */
    public static long epochDay(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }

    /**
     * {@code YYYY-MM-DD HH:MM:SS} at {@code from} (any number of spaces between date and time, as apt's two), or
     * null. Parsed by hand: apt and dpkg logs are read by a cold CLI, where a regex per line is not free.
     */
    public static java.time.LocalDateTime localDateTime(String s, int from) {
        if (s.length() < from + 19) return null;
        int y = num(s, from, 4), mo = num(s, from + 5, 2), d = num(s, from + 8, 2);
        if (y < 0 || mo < 1 || mo > 12 || d < 1 || s.charAt(from + 4) != '-' || s.charAt(from + 7) != '-') return null;
        if (d > lengthOfMonth(y, mo)) return null;
        int i = from + 10;
        if (i >= s.length() || s.charAt(i) != ' ') return null;
        while (i < s.length() && s.charAt(i) == ' ') i++;
        if (s.length() < i + 8 || s.charAt(i + 2) != ':' || s.charAt(i + 5) != ':') return null;
        int h = num(s, i, 2), mi = num(s, i + 3, 2), se = num(s, i + 6, 2);
        if (h < 0 || h > 23 || mi < 0 || mi > 59 || se < 0 || se > 60) return null;
        return java.time.LocalDateTime.of(y, mo, d, h, mi, Math.min(se, 59));
    }

    private static int num(String s, int i, int n) {
        int v = 0;
        for (int k = 0; k < n; k++) {
            char c = s.charAt(i + k);
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
