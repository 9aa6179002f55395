package dev.dockerdoctor.slack;

import dev.dockerdoctor.slack.message.HomeState;
import dev.dockerdoctor.slack.message.HostLine;
import dev.dockerdoctor.watch.Maintenance;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the bot asks of the watch beside diagnoses: the state the App Home tab shows (read without diagnosing, so the
 * tab opens at once), an acknowledgement of the open incident, maintenance windows, and on a hub the fleet's hosts.
 */
public interface WatchDesk {
    HomeState home();

    /** Whether {@code incidentId} is the open incident: asked in memory, before an ack (without a watch: never). */
    default boolean isOpen(String incidentId) {
        return false;
    }

    /**
     * Someone says they are on incident {@code incidentId}, doing {@code reason}; it is saved and audited (file
     * writes: after the ack, never before).
     *
     * @return false when that is not the open incident (resolved meanwhile, or an old message's button; without a
     *         watch, always)
     */
    default boolean acknowledge(String incidentId, String user, String reason) {
        return false;
    }

    /** The maintenance window under way, if any (none without a watch). */
    default Optional<Maintenance> maintenance() {
        return Optional.empty();
    }

    /**
     * Starts a maintenance window until {@code until} (or moves the end of the one under way); saved and audited.
     *
     * @throws UnsupportedOperationException without a watch: there is nothing to hold back
     */
    default Maintenance startMaintenance(String user, Instant until, String reason) {
        throw new UnsupportedOperationException("no watch: nothing to hold back");
    }

    /** Ends the window under way; empty when none is. */
    default Optional<Maintenance> endMaintenance(String user) {
        return Optional.empty();
    }

    /** Whether this bot is a hub that accepts agents (in memory: asked before the ack). */
    default boolean fleet() {
        return false;
    }

    /** On a hub with agents: every host of the fleet, its own too (reads the fleet book); empty on a one-host install. */
    default List<HostLine> hosts() {
        return List.of();
    }

    /**
     * On a hub: host {@code host}'s diagnosis, asked of its agent, as a report whose buttons name that host; empty
     * when its agent does not answer.
     */
    default Optional<StoredReport> diagnose(String host, Instant since) {
        return Optional.empty();
    }

    /**
     * On a hub: host {@code host}'s own desk, for its maintenance window (asked of its agent, which starts or ends
     * one only for its own DOCTOR_ADMINS: {@link SecurityException} otherwise). Elsewhere: no watch to hold back.
     */
    default WatchDesk forHost(String host) {
        return none();
    }

    /** Nothing known, nothing to acknowledge (tests, and a bot without a watch). */
    static WatchDesk none() {
        return HomeState::nothingKnown;
    }
}
