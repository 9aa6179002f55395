package dev.dockerdoctor.model;

import java.util.List;

/**
 * A service of a compose project, with its state against the daemon (null until compared, or when the daemon does
 * not answer). {@code dependsOn} are the services it needs (list or map form of depends_on, in file order);
 * {@code completedDependencies} those of them it waits for with {@code condition: service_completed_successfully}
 * (one-shot jobs); {@code ports} are as written after interpolation; {@code networks} are the keys it joins.
 */
public record ComposeService(String name, String image, String containerName, List<String> profiles,
                             List<String> dependsOn, List<VolumeMount> volumes, ServiceState state,
                             String restart, List<String> ports, List<String> networks,
                             List<String> completedDependencies) {
    public ComposeService {
        profiles = List.copyOf(profiles);
        dependsOn = List.copyOf(dependsOn);
        volumes = List.copyOf(volumes);
        ports = ports == null ? List.of() : List.copyOf(ports);
        networks = networks == null ? List.of() : List.copyOf(networks);
        completedDependencies = completedDependencies == null ? List.of() : List.copyOf(completedDependencies);
    }

    public ComposeService(String name, String image, String containerName, List<String> profiles,
                          List<String> dependsOn, List<VolumeMount> volumes, ServiceState state) {
        this(name, image, containerName, profiles, dependsOn, volumes, state, null, List.of(), List.of(), List.of());
    }

    public ComposeService withState(ServiceState s) {
        return new ComposeService(name, image, containerName, profiles, dependsOn, volumes, s, restart, ports,
                networks, completedDependencies);
    }

    public ComposeService withVolumes(List<VolumeMount> v) {
        return new ComposeService(name, image, containerName, profiles, dependsOn, v, state, restart, ports,
                networks, completedDependencies);
    }

    /** Down: its container is gone or not running. Inactive (profile) services are not down. */
    public boolean isDown() { return state == ServiceState.MISSING || state == ServiceState.STOPPED; }
}
