package dev.dockerdoctor.app;

import dev.dockerdoctor.model.DaemonState;
import dev.dockerdoctor.model.Diagnosis;
import dev.dockerdoctor.model.Finding;
import dev.dockerdoctor.model.Install;
import dev.dockerdoctor.model.Severity;
import dev.dockerdoctor.model.Step;
import dev.dockerdoctor.testing.FakeHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An Ubuntu host whose Docker is Canonical's snap, from the files it leaves: its daemon.json and root under
 * /var/snap/docker, and snapd refreshing it at 06:20 (systemd mounts the new revision, then restarts the snap's
 * dockerd; canonical/docker-snap#76). The lines are systemd's, with the Description= snapd writes into the units it
 * generates ("Service for snap application docker.dockerd", "Mount unit for docker, revision N").
 */
class SnapHostTest {
    static final String SNAP_ROOT = "/var/snap/docker/common/var-lib-docker";
    static final String SYSLOG = """
            Oct  7 06:20:01 ubuntu systemd[1]: Mounting Mount unit for docker, revision 2915...
            Oct  7 06:20:01 ubuntu systemd[1]: Mounted Mount unit for docker, revision 2915.
            Oct  7 06:20:03 ubuntu systemd[1]: Stopping Service for snap application docker.dockerd...
            Oct  7 06:20:05 ubuntu systemd[1]: snap.docker.dockerd.service: Deactivated successfully.
            Oct  7 06:20:05 ubuntu systemd[1]: Stopped Service for snap application docker.dockerd.
            Oct  7 06:20:06 ubuntu systemd[1]: Started Service for snap application docker.dockerd.
            """;

    @TempDir
    Path hostDir;
    @TempDir
    Path stateDir;
    private final AtomicReference<DaemonState> daemon = new AtomicReference<>();
    private final Clock clock = Clock.fixed(Instant.parse("2021-10-07T06:40:00Z"), ZoneOffset.UTC);

    private Diagnosis run() {
        return AgentRuns.diagnose(hostDir, SNAP_ROOT, daemon::get, clock, stateDir, Duration.ofDays(1));
    }

    private FakeHost snapHost(String daemonJson) {
        return new FakeHost(hostDir).file("/snap/docker/2915/meta/snap.yaml", "name: docker\nversion: '28.1.1'\n")
                .file("/var/snap/docker/current/config/daemon.json", daemonJson)
                .file("/etc/os-release", "ID=ubuntu\nID_LIKE=debian\nPRETTY_NAME=\"Ubuntu 22.04.5 LTS\"\n");
    }

    private static DaemonState up(String root, boolean liveRestore, int containers) {
        return new DaemonState(true, root, "overlay2", "28.1.1", containers, containers, containers, liveRestore, null, List.of());
    }

    @Test
    void aRefreshThatRestartedDockerIsNamedAndHeldTheSnapsWay() {
        snapHost("{\"log-level\": \"error\"}").file("/var/log/syslog", SYSLOG).dataRoot(SNAP_ROOT, "overlay2", 3, 3, "gitlab");
        daemon.set(up(SNAP_ROOT, false, 3));
        Diagnosis d = run();
        assertThat(d.snapshot().config().install()).isEqualTo(Install.SNAP);
        Finding f = d.findings().stream().filter(x -> x.id().equals("docker-restarted-by-upgrade")).findFirst().orElseThrow();
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.detail()).contains("snapd refreshed the docker snap").contains("docker snap → revision 2915")
                .contains("snap refresh --hold docker").doesNotContain("apt-daily-upgrade.timer");
        assertThat(f.evidence()).extracting(e -> e.text()).contains(
                "Oct  7 06:20:01 ubuntu systemd[1]: Mounted Mount unit for docker, revision 2915.",
                "Oct  7 06:20:03 ubuntu systemd[1]: Stopping Service for snap application docker.dockerd...");
        List<String> steps = d.plan().stream().map(Step::id).toList();
        assertThat(steps).contains("hold-docker-packages").doesNotContain("blacklist-docker-upgrades", "disable-apt-daily-upgrade");
        Step hold = d.plan().stream().filter(st -> st.id().equals("hold-docker-packages")).findFirst().orElseThrow();
        assertThat(hold.argv()).containsExactly(List.of("snap", "refresh", "--hold", "docker"));
    }

    @Test
    void aSnapThatLostItsDataRootIsPointedBackInTheSnapsOwnFiles() {
        // the containers are on the big disk; dockerd came back on the snap's default root
        snapHost("{\"data-root\": \"/media/big/docker\"}").dataRoot("/media/big/docker", "overlay2", 4, 4, "gitlab")
                .dataRoot(SNAP_ROOT, "overlay2", 0, 0, null);
        daemon.set(up(SNAP_ROOT, false, 0));
        Diagnosis d = run();
        assertThat(d.findings()).filteredOn(f -> f.severity() == Severity.CRITICAL).isNotEmpty();
        Step restore = d.plan().stream().filter(st -> st.id().equals("restore-data-root")).findFirst().orElseThrow();
        assertThat(restore.changes()).allSatisfy(c -> assertThat(c.file()).isEqualTo("/var/snap/docker/current/config/daemon.json"));
        assertThat(restore.argv()).containsExactly(List.of("systemctl", "restart", "snap.docker.dockerd"));
    }

    @Test
    void aHealthySnapHostRaisesNothing() {
        snapHost("{\"log-level\": \"error\", \"live-restore\": true}").dataRoot(SNAP_ROOT, "overlay2", 3, 3, "gitlab");
        daemon.set(up(SNAP_ROOT, true, 3));
        Diagnosis d = run();
        assertThat(d.findings()).filteredOn(f -> f.severity().isProblem()).as("a healthy snap host").isEmpty();
    }
}
