package dev.dockerdoctor.model;

import java.time.Instant;
import java.util.Map;

/**
 * A container as the live daemon reports it. {@code state} is Docker's (running, exited, restarting, created...).
 * Fields from inspect (restartCount, oomKilled, health, exitCode, times, memoryLimit) may be null when unknown.
 */
public record ContainerInfo(String id, String name, String image, String state, String status,
                            Map<String, String> labels, Integer restartCount, Boolean oomKilled, String health,
                            Integer exitCode, Instant startedAt, Instant finishedAt, Long memoryLimit) {
    public ContainerInfo {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public static ContainerInfo basic(String id, String name, String image, String state, Map<String, String> labels) {
        return new ContainerInfo(id, name, image, state, state, labels, null, null, null, null, null, null, null);
    }

    public String composeProject() { return labels.get(ComposeLabels.PROJECT); }

    public String composeService() { return labels.get(ComposeLabels.SERVICE); }

    public boolean isRunning() { return "running".equals(state); }
}
