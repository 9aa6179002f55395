package dev.dockerdoctor.model;

import java.util.List;

/**
 * A compose project found on the host: its name, folder, files (host paths, the {@code -f} list: main file then
 * override), services, and the named volumes it declares (with the project prefix, as the daemon names them;
 * external volumes apart, since {@code up} never creates those).
 *
 * @param networks        networks compose would create, as the daemon names them (external ones apart)
 * @param activeProfiles  profiles enabled by COMPOSE_PROFILES (environment or the project's .env)
 * @param foundBy         how it was found: "DOCTOR_COMPOSE_PATHS", "scan of /srv", "labels of container x", ...
 * @param warnings        what could not be understood without making the file unusable (a missing extends or
 *                        include file, an unset variable, a volume spec that made no sense)
 */
public record ComposeProject(String name, String workingDir, List<String> files, List<ComposeService> services,
                             List<String> namedVolumes, List<String> externalVolumes, List<String> networks,
                             List<String> activeProfiles, String foundBy, List<String> warnings) {
    public ComposeProject {
        files = List.copyOf(files);
        services = List.copyOf(services);
        namedVolumes = List.copyOf(namedVolumes);
        externalVolumes = externalVolumes == null ? List.of() : List.copyOf(externalVolumes);
        networks = networks == null ? List.of() : List.copyOf(networks);
        activeProfiles = activeProfiles == null ? List.of() : List.copyOf(activeProfiles);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    public ComposeProject(String name, String workingDir, List<String> files, List<ComposeService> services,
                          List<String> namedVolumes) {
        this(name, workingDir, files, services, namedVolumes, List.of(), List.of(), List.of(), null, List.of());
    }

    public ComposeProject withServices(List<ComposeService> s) {
        return new ComposeProject(name, workingDir, files, s, namedVolumes, externalVolumes, networks,
                activeProfiles, foundBy, warnings);
    }

    public ComposeProject withName(String n) {
        return new ComposeProject(n, workingDir, files, services, namedVolumes, externalVolumes, networks,
                activeProfiles, foundBy, warnings);
    }

    public ComposeProject withFoundBy(String how) {
        return new ComposeProject(name, workingDir, files, services, namedVolumes, externalVolumes, networks,
                activeProfiles, how, warnings);
    }

    public java.util.Optional<ComposeService> service(String serviceName) {
        return services.stream().filter(s -> s.name().equals(serviceName)).findFirst();
    }
}
