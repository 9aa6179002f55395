package dev.dockerdoctor.watch;

import java.time.Duration;
import java.util.Optional;

/**
 * A notification that did not get through. Every one is retried: at once after {@code retryAfter} when the chat said
 * when (HTTP 429 with Retry-After), with growing backoff for a transient failure (5xx, network), and only slowly for
 * one a person must fix (a channel the bot is not in, a revoked token), so it heals by itself once they do.
 */
public final class DeliveryException extends Exception {
    private final Duration retryAfter;
    private final boolean needsPerson;

    private DeliveryException(String message, Duration retryAfter, boolean needsPerson, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
        this.needsPerson = needsPerson;
    }

    /** Rate limited: try again after this long (Slack's Retry-After). */
    public static DeliveryException rateLimited(String message, Duration retryAfter) {
        return new DeliveryException(message, retryAfter, false, null);
    }

    /** A 5xx, a timeout, a dropped connection: back off and try again. */
    public static DeliveryException transientFailure(String message, Throwable cause) {
        return new DeliveryException(message, null, false, cause);
    }

    /** The chat refused for a reason a person must fix ({@code not_in_channel}, {@code invalid_auth}). */
    public static DeliveryException needsPerson(String message) {
        return new DeliveryException(message, null, true, null);
    }

    public Optional<Duration> retryAfter() { return Optional.ofNullable(retryAfter); }

    public boolean needsPerson() { return needsPerson; }
}
