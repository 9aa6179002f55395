package dev.dockerdoctor.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A container as the live daemon reports it. {@code state} is Docker's (running, exited, restarting, created...).
 * Fields from inspect (restartCount, oomKilled, health, exitCode, times, memoryLimit, restartPolicy, healthLog) may be
 * null or empty when unknown. {@code memoryLimit} 0 means no limit. {@code healthLog} is the last health-check runs,
 * oldest first; {@code logTail} the last lines the container printed, fetched only for containers that look unwell.
 */
public record ContainerInfo(String id, String name, String image, String state, String status,
                            Map<String, String> labels, Integer restartCount, Boolean oomKilled, String health,
                            Integer exitCode, Instant startedAt, Instant finishedAt, Long memoryLimit,
                            String restartPolicy, List<HealthCheckResult> healthLog, List<String> logTail) {
    public ContainerInfo {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        healthLog = healthLog == null ? List.of() : List.copyOf(healthLog);
        logTail = logTail == null ? List.of() : List.copyOf(logTail);
    }

    /** Without restart policy, health log and log tail. */
    public ContainerInfo(String id, String name, String image, String state, String status, Map<String, String> labels,
                         Integer restartCount, Boolean oomKilled, String health, Integer exitCode, Instant startedAt,
                         Instant finishedAt, Long memoryLimit) {
        this(id, name, image, state, status, labels, restartCount, oomKilled, health, exitCode, startedAt, finishedAt,
                memoryLimit, null, List.of(), List.of());
    }

    public static ContainerInfo basic(String id, String name, String image, String state, Map<String, String> labels) {
        return new ContainerInfo(id, name, image, state, state, labels, null, null, null, null, null, null, null);
    }

    public ContainerInfo withLogTail(List<String> lines) {
        return new ContainerInfo(id, name, image, state, status, labels, restartCount, oomKilled, health, exitCode,
                startedAt, finishedAt, memoryLimit, restartPolicy, healthLog, lines);
    }

    public String composeProject() { return labels.get(ComposeLabels.PROJECT); }

    public String composeService() { return labels.get(ComposeLabels.SERVICE); }

    public boolean isRunning() { return "running".equals(state); }
}
