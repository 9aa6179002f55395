package dev.dockerdoctor.testing;

import dev.dockerdoctor.model.ContainerInfo;
import dev.dockerdoctor.model.HealthCheckResult;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Containers as the daemon would report them, for pure tests, in the domain's words:
 * {@code container("web").compose("gitlab", "web").restarting(7).exitCode(3).build()}. Times are relative to
 * {@link Snapshots#NOW}. By default a container is running, started a day ago, never restarted, healthy enough.
 */
public final class Containers {
    private final String name;
    private String id;
    private String state = "running";
    private final Map<String, String> labels = new LinkedHashMap<>();
    private Integer restartCount = 0;
    private Boolean oomKilled = false;
    private String health;
    private Integer exitCode = 0;
    private Instant startedAt = Snapshots.NOW.minus(Duration.ofDays(1));
    private Instant finishedAt;
    private Long memoryLimit = 0L;
    private String restartPolicy = "no";
    private final List<HealthCheckResult> healthLog = new ArrayList<>();
    private final List<String> logTail = new ArrayList<>();

    private Containers(String name) {
        this.name = name;
        this.id = String.format("%064x", Math.abs((long) name.hashCode()));
    }

    public static Containers container(String name) {
        return new Containers(name);
    }

    public Containers compose(String project, String service) {
        labels.put("com.docker.compose.project", project);
        labels.put("com.docker.compose.service", service);
        return this;
    }

    public Containers state(String s) {
        state = s;
        return this;
    }

    /** Docker's "restarting" state, restarted {@code count} times by policy {@code always}, last exit code kept. */
    public Containers restarting(int count) {
        state = "restarting";
        restartCount = count;
        restartPolicy = "always";
        startedAt = Snapshots.NOW.minusSeconds(3);
        finishedAt = Snapshots.NOW.minusSeconds(2);
        return this;
    }

    public Containers restartCount(int n) {
        restartCount = n;
        return this;
    }

    public Containers restartPolicy(String p) {
        restartPolicy = p;
        return this;
    }

    public Containers startedAgo(Duration d) {
        startedAt = Snapshots.NOW.minus(d);
        return this;
    }

    public Containers finishedAgo(Duration d) {
        finishedAt = Snapshots.NOW.minus(d);
        return this;
    }

    public Containers exitCode(int c) {
        exitCode = c;
        return this;
    }

    public Containers oomKilled(long memoryLimitBytes) {
        oomKilled = true;
        memoryLimit = memoryLimitBytes;
        return this;
    }

    public Containers health(String h) {
        health = h;
        return this;
    }

    /** A health-check run {@code ago} before now that took a moment and printed {@code output}. */
    public Containers check(Duration ago, int exit, String output) {
        Instant start = Snapshots.NOW.minus(ago);
        healthLog.add(new HealthCheckResult(start, start.plusMillis(150), exit, output));
        return this;
    }

    public Containers logs(String... lines) {
        logTail.addAll(List.of(lines));
        return this;
    }

    public Containers id(String i) {
        id = i;
        return this;
    }

    public String idValue() { return id; }

    public ContainerInfo build() {
        String status = switch (state) {
            case "restarting" -> "Restarting (" + exitCode + ") 1 second ago";
            case "exited" -> "Exited (" + exitCode + ")";
            default -> "Up" + (health == null ? "" : " (" + health + ")");
        };
        return new ContainerInfo(id, name, "local/busybox", state, status, labels, restartCount, oomKilled, health,
                exitCode, startedAt, finishedAt, memoryLimit, restartPolicy, healthLog, logTail);
    }
}
