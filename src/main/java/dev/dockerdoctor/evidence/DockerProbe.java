package dev.dockerdoctor.evidence;

import dev.dockerdoctor.model.DaemonState;
import dev.dockerdoctor.model.DiskUsage;

import java.time.Duration;
import java.util.Optional;

/**
 * The port to a Docker daemon. Implementations never throw and never hang: a daemon that is down, refuses, or is
 * slow comes back as {@link DaemonState#unreachable} with the reason, within a few seconds.
 */
public interface DockerProbe extends AutoCloseable {

    /** {@code /info} and the containers with their labels (and inspect details where cheap). */
    DaemonState inspect();

    /** The daemon's own disk accounting ({@code /system/df}); empty when not known. */
    default Optional<DiskUsage> diskUsage() {
        return Optional.empty();
    }

    /** Whether the daemon answers now ({@code /_ping}), within the probe's timeouts. */
    default boolean ping() {
        return inspect().reachable();
    }

    /**
     * Calls {@code changed} whenever the daemon's state may have changed (containers created or destroyed, a reload,
     * the daemon going away or answering again), from a thread of its own, until closed. A probe that cannot follow
     * the daemon returns one that never calls.
     *
     * @param maxBackoff the longest wait between pings while the daemon is away
     * @throws IllegalArgumentException for a daemon address that cannot be followed
     */
    default Following follow(Runnable changed, Duration maxBackoff) {
        return () -> { };
    }

    /** Following the daemon's events; closing stops it. */
    interface Following extends AutoCloseable {
        @Override
        void close();
    }

    @Override
    default void close() {
    }
}
