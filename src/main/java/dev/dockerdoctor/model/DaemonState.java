package dev.dockerdoctor.model;

import java.util.List;

/**
 * What the daemon at DOCKER_HOST said, or why it said nothing. When it is not reachable every count is null
 * and {@code error} says what went wrong in words a person can act on.
 */
public record DaemonState(boolean reachable, String dockerRootDir, String storageDriver, String serverVersion,
                          Integer containers, Integer running, Integer images, Boolean liveRestoreEnabled,
                          String error, List<ContainerInfo> containerList) {
    public DaemonState {
        containerList = containerList == null ? List.of() : List.copyOf(containerList);
    }

    public static DaemonState unreachable(String error) {
        return new DaemonState(false, null, null, null, null, null, null, null, error, List.of());
    }
}
