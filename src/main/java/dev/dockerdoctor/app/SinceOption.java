package dev.dockerdoctor.app;

import dev.dockerdoctor.parse.Since;

import java.time.Clock;
import java.time.Instant;

/**
 * {@code --since}: a duration back from now (90m, 24h, 7d) or an ISO-8601 time. The syntax is {@link Since}'s,
 * shared with {@code /docker-status logs [window]}.
 */
final class SinceOption {
    private SinceOption() {
    }

    static Instant parse(String raw, Clock clock) {
        if (raw == null || raw.isBlank()) throw malformed(raw);
        return Since.parse(raw, clock.instant(), clock.getZone()).orElseThrow(() -> malformed(raw));
    }

    private static IllegalArgumentException malformed(String raw) {
        return new IllegalArgumentException("--since: '" + raw + "' is neither a duration (90m, 24h, 7d) nor an"
                + " ISO-8601 time (2026-01-01T06:00:00Z)");
    }
}
