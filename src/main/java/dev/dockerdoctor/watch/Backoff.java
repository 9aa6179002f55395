package dev.dockerdoctor.watch;

import java.time.Duration;

/**
 * When to try a failed notification again: exactly the Retry-After the chat asked for; else 1 s, 2 s, 4 s... up to
 * {@code max}; {@code max} at once for a failure a person must fix.
 */
public record Backoff(Duration first, Duration max) {
    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1));

    /** @param failures how many attempts in a row have failed, this one included (1 or more) */
    public Duration after(int failures, DeliveryException e) {
        if (e.retryAfter().isPresent()) return e.retryAfter().get();
        if (e.needsPerson()) return max;
        int n = Math.max(0, Math.min(failures - 1, 30));
        Duration d = first.multipliedBy(1L << Math.min(n, 20));
        return d.compareTo(max) > 0 ? max : d;
    }
}
