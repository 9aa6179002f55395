package dev.dockerdoctor.model;

import java.util.List;

/**
 * A compose project found on the host: its name, folder, files (host paths), services, and the named volumes it
 * declares (with the project prefix, as the daemon names them).
 */
public record ComposeProject(String name, String workingDir, List<String> files, List<ComposeService> services,
                             List<String> namedVolumes) {
    public ComposeProject {
        files = List.copyOf(files);
        services = List.copyOf(services);
        namedVolumes = List.copyOf(namedVolumes);
    }
}
