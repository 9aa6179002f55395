package dev.dockerdoctor.report;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/** How times are written: ISO-8601 with an offset, always with seconds (the JSON contract). */
public final class Times {
    public static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    private Times() {
    }

    public static String iso(OffsetDateTime t) {
        return t == null ? null : ISO.format(t);
    }
}
