package dev.dockerdoctor.evidence;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import dev.dockerdoctor.model.ContainerInfo;
import dev.dockerdoctor.model.HealthCheckResult;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** docker-java's answers about a container, in the model's words. Pure. */
final class ContainerInfos {
    private static final Instant DOCKER_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

    private ContainerInfos() {
    }

    /** One listed container, with what its inspect said when that answered in time (null: the list fields only). */
    static ContainerInfo of(Container c, InspectContainerResponse d) {
        String name = c.getNames() != null && c.getNames().length > 0 ? stripSlash(c.getNames()[0]) : null;
        if (d == null) {
            return new ContainerInfo(c.getId(), name, c.getImage(), c.getState(), c.getStatus(), c.getLabels(),
                    null, null, null, null, null, null, null);
        }
        InspectContainerResponse.ContainerState st = d.getState();
        String health = st == null || st.getHealth() == null ? null : st.getHealth().getStatus();
        Long memory = d.getHostConfig() == null ? null : d.getHostConfig().getMemory();
        String policy = d.getHostConfig() == null || d.getHostConfig().getRestartPolicy() == null ? null
                : d.getHostConfig().getRestartPolicy().getName();
        return new ContainerInfo(c.getId(), name != null ? name : stripSlash(d.getName()), c.getImage(), c.getState(),
                c.getStatus(), c.getLabels(), d.getRestartCount(), st == null ? null : st.getOOMKilled(), health,
                st == null ? null : st.getExitCode(), st == null ? null : time(st.getStartedAt()),
                st == null ? null : time(st.getFinishedAt()), memory, policy == null || policy.isBlank() ? null : policy,
                healthLog(st), List.of());
    }

    private static List<HealthCheckResult> healthLog(InspectContainerResponse.ContainerState st) {
        if (st == null || st.getHealth() == null || st.getHealth().getLog() == null) return List.of();
        return st.getHealth().getLog().stream()
                .map(l -> new HealthCheckResult(time(l.getStart()), time(l.getEnd()), l.getExitCode(), l.getOutput()))
                .toList();
    }

    private static String stripSlash(String name) {
        return name != null && name.startsWith("/") ? name.substring(1) : name;
    }

    /** Docker's RFC 3339 times; its zero time ("0001-01-01T00:00:00Z", never started) is null. */
    static Instant time(String s) {
        if (s == null || s.isBlank()) return null;
        try {
            Instant t = Instant.parse(s);
            return t.equals(DOCKER_ZERO_TIME) ? null : t;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
