package dev.dockerdoctor.slack.message;

import java.time.Instant;

/**
 * One host of a fleet in {@code /docker-status}: its newest verdict ({@code critical}, {@code warning}, {@code ok},
 * or null before it has reported) and headline, whether it reports, and when it was last heard from.
 *
 * @param self whether this is the bot's own host (the hub's)
 */
public record HostLine(String name, String level, String headline, boolean reporting, Instant lastSeen, boolean self) {
    /** Worst first: silent, critical, warning, not yet known, ok; then by name. */
    public int rank() {
        if (!reporting) return 0;
        if ("critical".equals(level)) return 1;
        if ("warning".equals(level)) return 2;
        if (level == null) return 3;
        return 4;
    }
}
