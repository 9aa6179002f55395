package dev.dockerdoctor.parse;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The start of a log window, as {@code --since} and {@code /docker-status logs [window]} take it: a duration back
 * from now ({@code 90m}, {@code 24h}, {@code 7d}; units s, m, h, d) or an ISO-8601 time (with an offset, or local to
 * the host's zone). Empty when the text is neither: bad input is a value, not an exception.
 */
public final class Since {
    public static final Duration DEFAULT = Duration.ofHours(24);
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})([smhd])");

    private Since() {
    }

    /** A duration as these windows write it ({@code 90m}, {@code 24h}, {@code 7d}; units s, m, h, d); empty if not one. */
    public static Optional<Duration> duration(String text) {
        if (text == null) return Optional.empty();
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) return Optional.empty();
        long n = Long.parseLong(m.group(1));
        return Optional.of(switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        });
    }

    public static Optional<Instant> parse(String text, Instant now, ZoneId zone) {
        if (text == null || text.isBlank()) return Optional.of(now.minus(DEFAULT));
        String t = text.trim();
        Optional<Duration> back = duration(t);
        if (back.isPresent()) return Optional.of(now.minus(back.get()));
        try {
            return Optional.of(OffsetDateTime.parse(t).toInstant());
        } catch (DateTimeException ignored) {
            // not with an offset: try local forms below
        }
        try {
            return Optional.of(LocalDateTime.parse(t).atZone(zone).toInstant());
        } catch (DateTimeException ignored) {
            // not a local date-time either
        }
        try {
            return Optional.of(LocalDate.parse(t).atStartOfDay(zone).toInstant());
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
