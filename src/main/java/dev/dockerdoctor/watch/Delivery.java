package dev.dockerdoctor.watch;

import java.time.Instant;

/**
 * How far the chat knows an incident. {@code thread} is null until the root message is posted;
 * {@code postingSince} is set (and persisted) before a root message is sent and cleared once its ts is stored, so
 * a bot that died in between looks for that message before posting again. {@code deliveredRevision} is the incident
 * revision the chat shows; failures back off until {@code nextAttemptAt}.
 */
public record Delivery(ThreadRef thread, Instant postingSince, int deliveredRevision, int failures, String lastError,
                       Instant nextAttemptAt) {
    public static final Delivery NONE = new Delivery(null, null, 0, 0, null, null);

    public Delivery posting(Instant at) {
        return new Delivery(thread, at, deliveredRevision, failures, lastError, nextAttemptAt);
    }

    public Delivery posted(ThreadRef t) {
        return new Delivery(t, null, deliveredRevision, failures, lastError, nextAttemptAt);
    }

    public Delivery delivered(int revision, ThreadRef t) {
        return new Delivery(t, null, Math.max(revision, deliveredRevision), 0, null, null);
    }

    public Delivery failed(String error, Instant next) {
        return new Delivery(thread, postingSince, deliveredRevision, failures + 1, error, next);
    }
}
