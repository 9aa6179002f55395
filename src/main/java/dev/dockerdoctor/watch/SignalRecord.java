package dev.dockerdoctor.watch;

import java.time.Instant;

/** A signal as an incident remembers it: when it was first and last seen, and when it cleared (null: still on). */
public record SignalRecord(SignalKind kind, String subject, String detail, Instant firstSeen, Instant lastSeen,
                           Instant clearedAt) {
    public SignalKey key() { return new SignalKey(kind, subject); }

    public boolean active() { return clearedAt == null; }
}
