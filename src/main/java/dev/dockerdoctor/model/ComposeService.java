package dev.dockerdoctor.model;

import java.util.List;

/** A service of a compose project, with its state against the daemon (null until compared). */
public record ComposeService(String name, String image, String containerName, List<String> profiles,
                             List<String> dependsOn, List<VolumeMount> volumes, ServiceState state) {
    public ComposeService {
        profiles = List.copyOf(profiles);
        dependsOn = List.copyOf(dependsOn);
        volumes = List.copyOf(volumes);
    }

    public ComposeService withState(ServiceState s) {
        return new ComposeService(name, image, containerName, profiles, dependsOn, volumes, s);
    }
}
