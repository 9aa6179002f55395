package dev.dockerdoctor.watch;

import java.time.Duration;

/** Durations as people say them: "42 s", "7 min", "2 h 5 min", "3 d 4 h". */
public final class Durations {
    private Durations() {
    }

    public static String words(Duration d) {
        if (d == null) return "?";
        long s = Math.max(0, d.toSeconds());
        if (s < 60) return s + " s";
        long m = s / 60;
        if (m < 60) return m + " min";
        long h = m / 60;
        if (h < 24) return h + " h" + (m % 60 == 0 ? "" : " " + m % 60 + " min");
        return h / 24 + " d" + (h % 24 == 0 ? "" : " " + h % 24 + " h");
    }
}
