package dev.dockerdoctor.model;

import java.util.List;

/** A running dockerd found in /proc: its pid, its argv, and whether it is the daemon at DOCKER_HOST. */
public record DockerdProcess(long pid, List<String> argv, boolean isTarget) {
    public DockerdProcess {
        argv = List.copyOf(argv);
    }
}
