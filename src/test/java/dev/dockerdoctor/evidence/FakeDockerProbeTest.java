package dev.dockerdoctor.evidence;

import dev.dockerdoctor.model.ComposeLabels;
import dev.dockerdoctor.model.ContainerInfo;
import dev.dockerdoctor.model.DaemonState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The fake passes the same contract as the real probe, so tests written against it hold for the real one. */
class FakeDockerProbeTest extends DockerProbeContract {
    private static final String ROOT = "/srv/docker";

    static DaemonState knownDaemon() {
        Instant started = Instant.parse("2024-04-21T10:00:00Z");
        ContainerInfo web = new ContainerInfo("a".repeat(64), WEB, "local/busybox", "running", "Up 2 hours",
                Map.of(ComposeLabels.PROJECT, PROJECT, ComposeLabels.SERVICE, SERVICE), 0, false, null, 0,
                started, null, 0L);
        ContainerInfo oneshot = new ContainerInfo("b".repeat(64), ONESHOT, "local/busybox", "exited", "Exited (3) 1 hour ago",
                Map.of(), 0, false, null, ONESHOT_EXIT, started, started.plusSeconds(1), 0L);
        return new DaemonState(true, ROOT, "overlay2", "20.10.24", 2, 1, 1, false, null, List.of(web, oneshot));
    }

    @Override
    protected DockerProbe probeOfKnownDaemon() { return FakeDockerProbe.answering(knownDaemon()); }

    @Override
    protected String knownRootDir() { return ROOT; }

    @Override
    protected DockerProbe probeOfMissingDaemon() {
        return FakeDockerProbe.unreachable("no Docker daemon at unix:///var/run/docker.sock (socket does not exist)");
    }

    @Override
    protected DockerProbe probeOfSilentDaemon() {
        return FakeDockerProbe.unreachable("Docker daemon at unix:///var/run/docker.sock did not answer GET /info (timed out after 5 s)");
    }

    @Override
    protected Duration silentLimit() { return Duration.ofSeconds(1); }

    @Test
    void shouldAnswerItsStatesInTurnAndThenRepeatTheLast() {
        DaemonState down = DaemonState.unreachable("no Docker daemon at unix:///var/run/docker.sock (connection refused)");
        try (FakeDockerProbe probe = FakeDockerProbe.answering(knownDaemon(), down)) {
            assertThat(probe.inspect().reachable()).isTrue();
            assertThat(probe.inspect()).isEqualTo(down);
            assertThat(probe.inspect()).isEqualTo(down);
            assertThat(probe.calls()).isEqualTo(3);
        }
    }
}
