package dev.dockerdoctor.model;

import java.time.OffsetDateTime;

/**
 * One evidence line from a log, turned into an event. {@code source} is the file path or "journal".
 * {@code pkg}, {@code from}, {@code to} are set for package upgrades only.
 */
public record LogEvent(OffsetDateTime time, EventKind kind, String source, String message,
                       String pkg, String from, String to) {

    public static LogEvent of(OffsetDateTime time, EventKind kind, String source, String message) {
        return new LogEvent(time, kind, source, message, null, null, null);
    }
}
