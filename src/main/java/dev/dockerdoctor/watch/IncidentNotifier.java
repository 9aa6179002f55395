package dev.dockerdoctor.watch;

import dev.dockerdoctor.model.Diagnosis;

import java.util.Optional;

/**
 * The chat side of incidents (Slack in {@code serve}). Called from one delivery thread, never concurrently, never on
 * the poll thread. Each call either succeeds, returning where the incident lives (the same {@link ThreadRef}, or one
 * with more reply ts to edit later), or throws {@link DeliveryException}; {@link IncidentWatch} persists the result,
 * retries failures with backoff (honouring Retry-After), and never calls {@link #opened} twice for one incident
 * unless {@link #findPosted} cannot find the first post after a crash.
 *
 * <p>{@link #opened} posts the root message only; the thread comes with {@link #updated}, which follows at once when
 * a diagnosis is at hand (and later, when it arrives). So each call needs at most one new post, and can make it last:
 * a call that fails half-way is repeated whole without posting anything twice. The diagnosis is empty while it is
 * not done yet: the root message goes out at once (what is down). The diagnosis given holds a critical
 * {@code service-down} finding per watched URL that is down.
 */
public interface IncidentNotifier {

    /** Posts the root message: what is down and the likely cause in one line (the thread follows in updated). */
    ThreadRef opened(Incident incident, Optional<Diagnosis> diagnosis) throws DeliveryException;

    /** The incident changed: update the root message in place ({@code incident.thread()}) and the thread. */
    ThreadRef updated(Incident incident, Optional<Diagnosis> diagnosis) throws DeliveryException;

    /** The incident is resolved: mark the root message resolved, with {@code incident.duration()}. */
    ThreadRef resolved(Incident incident, Optional<Diagnosis> diagnosis) throws DeliveryException;

    /**
     * The incident has been open {@code openFor} and nobody acknowledged it: raise it again in its thread (best
     * effort: a reminder that does not get through is not retried; the next one comes at its time).
     */
    default void remind(Incident incident, java.time.Duration openFor) throws DeliveryException {
    }

    /**
     * News of a maintenance window: it started (or its end moved) while {@code window.endedAt()} is null, else it
     * ended, with what was seen during it. Told again at the next poll until a call succeeds.
     */
    default void maintenance(Maintenance window) throws DeliveryException {
    }

    /**
     * Called before posting again when an earlier {@link #opened} for this incident started but its result was never
     * stored (the bot died, or the answer was lost): the root message if it was posted after all. The default finds
     * nothing, so such an incident is posted again.
     */
    default Optional<ThreadRef> findPosted(Incident incident) throws DeliveryException {
        return Optional.empty();
    }

    /**
     * Posts this incident's root message as a reply in {@code group}'s thread instead of the channel (a host's part of
     * an {@link IncidentGroup}); its later messages go to that thread too. The default posts it as {@link #opened}.
     */
    default ThreadRef openedIn(ThreadRef group, Incident incident, Optional<Diagnosis> diagnosis) throws DeliveryException {
        return opened(incident, diagnosis);
    }

    /**
     * Edits {@code root}, the first member's root message, into the root of a group of incidents on several hosts;
     * the default leaves it (each member's own messages still go out).
     */
    default ThreadRef group(ThreadRef root, IncidentGroup group) throws DeliveryException {
        return root;
    }
}
