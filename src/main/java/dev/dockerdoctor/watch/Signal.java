package dev.dockerdoctor.watch;

import java.time.Instant;
import java.util.Objects;

/**
 * One problem a watcher sees now: {@code subject} is what it is about (a watched URL's name, "daemon", "data-root",
 * "containers"), {@code detail} says it in words ("gitlab answered 404"), {@code time} when it was confirmed.
 */
public record Signal(SignalKind kind, String subject, String detail, Instant time) {
    public Signal {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(time, "time");
    }

    public SignalKey key() { return new SignalKey(kind, subject); }
}
