package dev.dockerdoctor.watch;

import dev.dockerdoctor.model.Diagnosis;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Delivers incidents to the {@link IncidentNotifier} on its own thread, one call at a time, so a slow or rate-limited
 * chat never holds up the watchers. Before a root message is sent "posting" is saved, and its ts right after; a
 * failure is saved with the time of the next attempt (Retry-After, else backoff) and retried then, also across
 * restarts. A new incident waits up to {@code openGrace} for its first diagnosis, so the root message can name the
 * likely cause; then it goes out without it.
 */
final class Courier {
    private static final Logger LOG = LoggerFactory.getLogger(Courier.class);

    private final IncidentBook book;
    private final IncidentNotifier notifier;
    private final ScheduledExecutorService thread;
    private final Clock clock;
    private final Backoff backoff;
    private final Duration openGrace;
    private ScheduledFuture<?> next;
    private Instant nextAt;
    private final java.util.Map<String, Instant> firstDue = new java.util.concurrent.ConcurrentHashMap<>();

    Courier(IncidentBook book, IncidentNotifier notifier, ScheduledExecutorService thread, Clock clock,
            Backoff backoff, Duration openGrace) {
        this.book = book;
        this.notifier = notifier;
        this.thread = thread;
        this.clock = clock;
        this.backoff = backoff;
        this.openGrace = openGrace;
    }

    /** Deliver whatever is due, now. */
    void kick() {
        schedule(Duration.ZERO);
    }

    private synchronized void schedule(Duration delay) {
        Instant at = clock.instant().plus(delay);
        if (next != null && !next.isDone() && nextAt != null && !nextAt.isAfter(at)) return; // sooner run pending
        if (next != null) next.cancel(false);
        nextAt = at;
        try {
            next = thread.schedule(this::run, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopping
        }
    }

    private void run() {
        synchronized (this) {
            nextAt = null;
        }
        for (int guard = 0; guard < 100 && !Thread.currentThread().isInterrupted(); guard++) {
            Instant now = clock.instant();
            Optional<Incident> due = book.nextDue(now);
            if (due.isEmpty()) break;
            Incident i = due.get();
            Optional<Duration> wait = graceLeft(i, now);
            if (wait.isPresent()) {
                schedule(wait.get());
                return;
            }
            deliver(i);
        }
        book.nextRetry().ifPresent(at -> schedule(Duration.between(clock.instant(), at)));
    }

    // a new incident may wait briefly for its diagnosis; an incident already posted never waits
    private Optional<Duration> graceLeft(Incident i, Instant now) {
        if (i.thread() != null || book.hasDiagnosis(i.id()) || i.delivery().failures() > 0) return Optional.empty();
        Instant first = firstDue.computeIfAbsent(i.id(), k -> now);
        Duration left = Duration.between(now, first.plus(openGrace));
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    }

    private void deliver(Incident i) {
        Optional<Diagnosis> diagnosis = book.diagnosisFor(i);
        try {
            if (i.thread() == null) {
                if (i.delivery().postingSince() != null) {
                    Optional<ThreadRef> found = notifier.findPosted(i);
                    if (found.isPresent()) {
                        LOG.info("incident {}: found its root message {} from an earlier attempt", i.id(), found.get().ts());
                        book.posted(i.id(), found.get());
                        return; // the next round updates it to the newest revision
                    }
                }
                Incident sending = book.postingStarted(i.id());
                ThreadRef ref = notifier.opened(sending, diagnosis);
                book.posted(i.id(), ref);
                // opened() posts the root only; with a diagnosis at hand updated() follows at once for the thread
                if (diagnosis.isEmpty()) book.delivered(i.id(), sending.revision(), ref);
                LOG.info("incident {}: posted to {} (ts {})", i.id(), ref.channel(), ref.ts());
            } else if (i.state() == IncidentState.RESOLVED) {
                ThreadRef ref = notifier.resolved(i, diagnosis);
                book.delivered(i.id(), i.revision(), ref == null ? i.thread() : ref);
            } else {
                ThreadRef ref = notifier.updated(i, diagnosis);
                book.delivered(i.id(), i.revision(), ref == null ? i.thread() : ref);
            }
        } catch (DeliveryException e) {
            failed(i, e);
        } catch (RuntimeException e) {
            LOG.warn("incident {}: the notifier failed unexpectedly", i.id(), e);
            failed(i, DeliveryException.transientFailure(e.toString(), e));
        }
    }

    private void failed(Incident i, DeliveryException e) {
        int failures = i.delivery().failures() + 1;
        Duration wait = backoff.after(failures, e);
        LOG.warn("incident {}: delivery failed ({}), attempt {}; next try in {} ms", i.id(), e.getMessage(), failures,
                wait.toMillis());
        book.deliveryFailed(i.id(), e.getMessage(), clock.instant().plus(wait));
    }
}
