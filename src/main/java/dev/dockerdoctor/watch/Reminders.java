package dev.dockerdoctor.watch;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When an open incident nobody acknowledged is raised again: every {@code every} after it opened (06:21 opened, a
 * 30-minute reminder at 06:51, 07:21...). Kept in memory only, by design: a bot that starts counts the slots already
 * past as handled, so a restart never repeats a reminder (at worst one falls in the restart and is skipped).
 */
final class Reminders {
    private final Duration every;
    private String incident;
    private Instant handledUpTo;

    /** @param every null or not positive: no reminders */
    Reminders(Duration every) {
        this.every = every == null || every.isZero() || every.isNegative() ? null : every;
    }

    boolean enabled() { return every != null; }

    /** The slot to remind of now, if one is due for {@code open} and not handled yet; it counts as handled. */
    synchronized Optional<Instant> due(Incident open, Instant now) {
        if (every == null || open == null || !open.open() || open.acknowledgement() != null) return Optional.empty();
        Instant slot = slotAtOrBefore(open.openedAt(), now);
        if (!open.id().equals(incident)) {
            // first sight of this incident (or of any, after a start): what is past is handled
            incident = open.id();
            handledUpTo = slot;
            return Optional.empty();
        }
        if (slot == null || !slot.isAfter(handledUpTo == null ? open.openedAt() : handledUpTo)) return Optional.empty();
        handledUpTo = slot;
        return Optional.of(slot);
    }

    /** The newest reminder slot at or before {@code now}; null before the first. */
    Instant slotAtOrBefore(Instant openedAt, Instant now) {
        long n = Duration.between(openedAt, now).toMillis() / every.toMillis();
        return n < 1 ? null : openedAt.plus(every.multipliedBy(n));
    }
}
