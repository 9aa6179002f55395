package dev.dockerdoctor.watch;

import java.time.Instant;

/**
 * Hysteresis for one watched thing, pure: a blip raises nothing, a flap does not spam. It is {@code DOWN} only after
 * {@code downAfter} failures in a row, and {@code UP} again only after {@code upAfter} successes in a row. The first
 * success after start-up counts at once (nothing was raised, so there is nothing to take back).
 */
public final class WatchState {
    public enum Status { UNKNOWN, UP, PENDING_DOWN, DOWN, PENDING_UP }

    private final int downAfter;
    private final int upAfter;
    private Status status = Status.UNKNOWN;
    private int streak;
    private String lastFailure;
    private Instant since;

    public WatchState(int downAfter, int upAfter) {
        if (downAfter < 1 || upAfter < 1) throw new IllegalArgumentException("thresholds must be at least 1");
        this.downAfter = downAfter;
        this.upAfter = upAfter;
    }

    /** Feeds one result; returns the status after it. {@code failure} is null for a success. */
    public Status record(String failure, Instant now) {
        boolean ok = failure == null;
        if (!ok) lastFailure = failure;
        switch (status) {
            case UNKNOWN, UP -> {
                if (ok) {
                    if (status == Status.UNKNOWN) since = now;
                    status = Status.UP;
                } else {
                    streak = 1;
                    status = Status.PENDING_DOWN;
                    since = now;
                    confirmDownIfDue(now);
                }
            }
            case PENDING_DOWN -> {
                if (ok) {
                    status = Status.UP; // a blip: it never went down
                } else {
                    streak++;
                    confirmDownIfDue(now);
                }
            }
            case DOWN -> {
                if (!ok) break;
                streak = 1;
                status = Status.PENDING_UP;
                confirmUpIfDue(now);
            }
            case PENDING_UP -> {
                if (ok) {
                    streak++;
                    confirmUpIfDue(now);
                } else {
                    status = Status.DOWN; // still down: a flap, not a recovery
                }
            }
        }
        return status;
    }

    // since stays at the first failure of the streak: the outage began then, not when we were sure
    private void confirmDownIfDue(Instant now) {
        if (streak >= downAfter) status = Status.DOWN;
    }

    private void confirmUpIfDue(Instant now) {
        if (streak >= upAfter) {
            status = Status.UP;
            since = now;
        }
    }

    public Status status() { return status; }

    /** Down as far as anyone should be told: confirmed down, or recovering but not yet confirmed up. */
    public boolean down() { return status == Status.DOWN || status == Status.PENDING_UP; }

    public boolean up() { return status == Status.UP; }

    /** The words of the last failure seen, or null. */
    public String lastFailure() { return lastFailure; }

    /**
     * When the current trouble began (the first failure of the streak) while down or pending either way; when it was
     * confirmed up while up; null before the first result.
     */
    public Instant since() { return since; }
}
