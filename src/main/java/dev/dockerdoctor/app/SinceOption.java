package dev.dockerdoctor.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code --since}: a duration back from now (90m, 24h, 7d) or an ISO-8601 time. */
final class SinceOption {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})([smhd])");

    private SinceOption() {
    }

    static Instant parse(String raw, Clock clock) {
        String s = raw.trim();
        Matcher m = DURATION.matcher(s);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return clock.instant().minus(d);
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(s).atZone(clock.getZone()).toInstant();
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException("--since: '" + raw + "' is neither a duration (90m, 24h, 7d) nor an ISO-8601 time (2026-01-01T06:00:00Z)");
            }
        }
    }
}
