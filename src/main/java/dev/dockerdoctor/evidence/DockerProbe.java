package dev.dockerdoctor.evidence;

import dev.dockerdoctor.model.DaemonState;
import dev.dockerdoctor.model.DiskUsage;

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

    @Override
    default void close() {
    }
}
