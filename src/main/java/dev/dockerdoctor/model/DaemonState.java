package dev.dockerdoctor.model;

import java.util.List;

/**
 * What the daemon at DOCKER_HOST said, or why it said nothing. When it is not reachable every count is null,
 * {@code failure} says which kind of silence it was and {@code error} says it in words a person can act on.
 * {@code imageStore} is {@link #CONTAINERD_STORE} when images live in containerd's store (Docker 29's default on fresh
 * installs, {@code "features": {"containerd-snapshotter": true}}), {@link #CLASSIC_STORE} for the graph drivers, null
 * when unknown. {@code minApiVersion} is the oldest Engine API it accepts from clients ({@code /version}), or null.
 */
public record DaemonState(boolean reachable, String dockerRootDir, String storageDriver, String serverVersion,
                          Integer containers, Integer running, Integer images, Boolean liveRestoreEnabled,
                          String error, List<ContainerInfo> containerList, Failure failure, String imageStore,
                          String minApiVersion) {
    public static final String CONTAINERD_STORE = "containerd";
    public static final String CLASSIC_STORE = "classic";

    /** Why a daemon said nothing, as few kinds as lead to different advice. */
    public enum Failure {
        /** Nothing listens: no socket, connection refused, no route, unknown host. */
        NOT_LISTENING,
        /** A socket is there but this process may not use it. */
        PERMISSION_DENIED,
        /** It took the connection but did not answer in time, or closed it without an answer. */
        NO_ANSWER,
        /** It answered with an HTTP error (an API version it will not speak, a server error). */
        DAEMON_ERROR,
        /** Anything else: a bad address, a closed probe, an unexpected error. */
        OTHER
    }

    public DaemonState {
        containerList = containerList == null ? List.of() : List.copyOf(containerList);
        if (reachable) failure = null;
        else if (failure == null) failure = Failure.OTHER;
    }

    public DaemonState(boolean reachable, String dockerRootDir, String storageDriver, String serverVersion,
                       Integer containers, Integer running, Integer images, Boolean liveRestoreEnabled,
                       String error, List<ContainerInfo> containerList) {
        this(reachable, dockerRootDir, storageDriver, serverVersion, containers, running, images, liveRestoreEnabled,
                error, containerList, null, null, null);
    }

    public DaemonState(boolean reachable, String dockerRootDir, String storageDriver, String serverVersion,
                       Integer containers, Integer running, Integer images, Boolean liveRestoreEnabled,
                       String error, List<ContainerInfo> containerList, Failure failure) {
        this(reachable, dockerRootDir, storageDriver, serverVersion, containers, running, images, liveRestoreEnabled,
                error, containerList, failure, null, null);
    }

    public DaemonState(boolean reachable, String dockerRootDir, String storageDriver, String serverVersion,
                       Integer containers, Integer running, Integer images, Boolean liveRestoreEnabled,
                       String error, List<ContainerInfo> containerList, Failure failure, String imageStore) {
        this(reachable, dockerRootDir, storageDriver, serverVersion, containers, running, images, liveRestoreEnabled,
                error, containerList, failure, imageStore, null);
    }

    public boolean containerdStore() { return CONTAINERD_STORE.equals(imageStore); }

    public static DaemonState unreachable(String error) {
        return unreachable(Failure.OTHER, error);
    }

    public static DaemonState unreachable(Failure failure, String error) {
        return new DaemonState(false, null, null, null, null, null, null, null, error, List.of(), failure, null, null);
    }
}
