package dev.dockerdoctor.parse;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The start of a log window, as {@code diagnose --since} and {@code /docker-status logs [window]} take it: a
 * duration back from now ({@code 90m}, {@code 24h}, {@code 7d}; units s, m, h, d) or an ISO-8601 time
 * ({@code 2021-10-07T06:00:00+02:00}, {@code ...Z}; without an offset it is the host's local time; a date alone
 * means its midnight). Anything else is an {@link IllegalArgumentException} whose message says what is accepted.
 */
public final class Since {
    public static final String DEFAULT = "24h";
    private static final Duration LONGEST = Duration.ofDays(36_525);
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*([smhd])");
    private static final String HELP = "use a duration like 90m, 24h or 7d (units s, m, h, d)"
            + " or an ISO-8601 time like 2021-10-07T06:00:00+02:00";

    private Since() {
    }

    public static Instant parse(String text, Instant now, ZoneId zone) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("--since is empty: " + HELP);
        String t = text.strip();
        Matcher m = DURATION.matcher(t.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            if (d.compareTo(LONGEST) > 0) {
                throw new IllegalArgumentException("--since " + text + " reaches too far back (100 years at most): " + HELP);
            }
            return now.minus(d);
        }
        Instant at = iso(t, zone);
        if (at == null) throw new IllegalArgumentException("--since \"" + text + "\" is neither a duration nor a time: " + HELP);
        if (at.isAfter(now)) throw new IllegalArgumentException("--since " + text + " is in the future (now is " + now + ")");
        return at;
    }

    private static Instant iso(String t, ZoneId zone) {
        String s = t.length() > 10 && t.charAt(10) == ' ' ? t.substring(0, 10) + "T" + t.substring(11) : t;
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException ignored) {
            // no offset: try local forms below
        }
        try {
            return LocalDateTime.parse(s).atZone(zone).toInstant();
        } catch (DateTimeParseException ignored) {
            // not a local date-time either
        }
        try {
            return LocalDate.parse(s).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
