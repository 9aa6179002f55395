package dev.dockerdoctor.app;

import dev.dockerdoctor.model.Change;
import dev.dockerdoctor.model.DaemonState;
import dev.dockerdoctor.model.Diagnosis;
import dev.dockerdoctor.model.Finding;
import dev.dockerdoctor.model.Step;
import dev.dockerdoctor.testing.FakeHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each failure class from the files and log lines it leaves on a host, through the whole agent (probes, rules,
 * planner): its own finding and its own step, and not the others'. A healthy variant of each stays quiet.
 * (The daemon's side is scripted here; DataRootDriftIT and FailureClassesIT show the real daemon's.)
 */
class FailureClassesHostTest {
    static final String VENDOR = "[Service]\nExecStart=/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock\n";
    static final String MOUNTINFO_ROOT = "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/vda1 rw\n";

    @TempDir
    Path hostDir;
    @TempDir
    Path stateDir;
    private final AtomicReference<DaemonState> daemon = new AtomicReference<>();
    private final Clock clock = Clock.fixed(Instant.parse("2021-10-07T06:40:00Z"), ZoneOffset.UTC);

    private FakeHost host() {
        return new FakeHost(hostDir).file("/lib/systemd/system/docker.service", VENDOR);
    }

    private Diagnosis run() {
        return AgentRuns.diagnose(hostDir, "/var/lib/docker,/srv,/mnt/*", daemon::get, clock, stateDir, java.time.Duration.ofDays(1));
    }

    private static List<String> problems(Diagnosis d) {
        return d.findings().stream().filter(f -> f.severity().isProblem()).map(Finding::id).toList();
    }

    private static List<String> steps(Diagnosis d) {
        return d.plan().stream().map(Step::id).filter(id -> !id.equals("enable-live-restore")).toList();
    }

    private static DaemonState on(String root, String driver, int containers) {
        return new DaemonState(true, root, driver, "20.10.24", containers, containers, containers, true, null, List.of());
    }

    @Test
    void theBigDiskNotMounted() {
        host().file("/etc/docker/daemon.json", "{\"data-root\": \"/mnt/big/docker\"}")
                .file("/etc/fstab", "UUID=1111 / ext4 defaults 0 1\nUUID=2222 /mnt/big ext4 defaults,nofail 0 2\n")
                .file("/proc/1/mountinfo", MOUNTINFO_ROOT)
                .dataRoot("/mnt/big/docker", "overlay2", 0, 0, null);   // the fresh, empty root on the system disk
        daemon.set(on("/mnt/big/docker", "overlay2", 0));
        Diagnosis d = run();
        assertThat(problems(d)).containsExactly("data-root-disk-not-mounted");
        assertThat(steps(d)).containsExactly("mount-data-root-disk");

        // healthy variant: the disk is mounted and holds the containers
        host().file("/proc/1/mountinfo", MOUNTINFO_ROOT + "95 22 8:17 / /mnt/big rw,relatime - ext4 /dev/sdb1 rw\n")
                .dataRoot("/mnt/big/docker", "overlay2", 4, 4, "gitlab");
        daemon.set(on("/mnt/big/docker", "overlay2", 4));
        assertThat(problems(run())).isEmpty();
    }

    @Test
    void theStorageDriverChanged() {
        host().file("/etc/docker/daemon.json", "{\"storage-driver\": \"vfs\"}")
                .dataRoot("/var/lib/docker", "overlay2", 6, 9, "wiki");
        daemon.set(on("/var/lib/docker", "vfs", 0));
        Diagnosis d = run();
        assertThat(problems(d)).contains("storage-driver-changed").doesNotContain("data-root-drift");
        assertThat(steps(d)).containsExactly("restore-storage-driver");

        host().file("/etc/docker/daemon.json", "{\"storage-driver\": \"overlay2\"}");
        daemon.set(on("/var/lib/docker", "overlay2", 6));
        assertThat(problems(run())).isEmpty();
    }

    @Test
    void daemonJsonReplacedByAPackageIsSeenFromTheCopyDpkgKept() {
        host().file("/etc/docker/daemon.json", "{\"runtimes\": {\"nvidia\": {\"path\": \"nvidia-container-runtime\"}}}")
                .file("/etc/docker/daemon.json.dpkg-old", "{\"data-root\": \"/srv/docker\", \"live-restore\": true}")
                .dataRoot("/var/lib/docker", "overlay2", 0, 0, null)
                .dataRoot("/srv/docker", "overlay2", 5, 5, "gitlab");
        daemon.set(on("/var/lib/docker", "overlay2", 0));
        Diagnosis d = run();
        assertThat(problems(d)).contains("daemon-json-replaced", "data-root-drift");
        assertThat(steps(d)).containsExactly("restore-data-root");
    }

    @Test
    void theUnitsFlagLostIsNamedWithItsOldValueFromTheLastKnownGood() {
        host().file("/lib/systemd/system/docker.service", VENDOR.replace("-H fd://", "-H fd:// --data-root /srv/docker"))
                .dataRoot("/srv/docker", "overlay2", 5, 5, "gitlab")
                .dataRoot("/var/lib/docker", "overlay2", 0, 0, null);
        daemon.set(on("/srv/docker", "overlay2", 5));
        Diagnosis healthy = run();
        assertThat(problems(healthy)).containsExactly("data-root-in-vendor-unit"); // advice-level warning, kept as good

        host().file("/lib/systemd/system/docker.service", VENDOR);   // the upgrade replaced the unit
        daemon.set(on("/var/lib/docker", "overlay2", 0));
        Diagnosis broken = run();
        assertThat(problems(broken)).contains("data-root-flag-lost", "data-root-drift").doesNotContain("daemon-json-replaced");
        assertThat(steps(broken)).containsExactly("restore-data-root");
        assertThat(broken.changes()).contains(new Change("docker.service ExecStart", "--data-root", "/srv/docker", null));
    }

    @Test
    void dockerLeftStoppedAfterAContainerdUpgradeOnlyNeedsAStart() {
        host().file("/etc/docker/daemon.json", "{\"data-root\": \"/srv/docker\"}")
                .dataRoot("/srv/docker", "overlay2", 5, 5, "gitlab")
                .file("/var/log/dpkg.log", "2021-10-07 06:20:19 upgrade containerd.io:amd64 1.4.9-1 1.4.11-1\n")
                .file("/var/log/syslog", String.join("\n",
                        "Oct  7 06:20:17 host systemd[1]: Starting Daily apt upgrade and clean activities...",
                        "Oct  7 06:20:21 host systemd[1]: Stopping containerd container runtime...",
                        "Oct  7 06:20:21 host dockerd[812]: time=\"2021-10-07T06:20:21.000000000Z\" level=info msg=\"Processing signal 'terminated'\"",
                        "Oct  7 06:20:22 host systemd[1]: Stopped Docker Application Container Engine.",
                        "Oct  7 06:20:23 host systemd[1]: Started containerd container runtime.", ""));
        daemon.set(DaemonState.unreachable("no Docker daemon at unix:///var/run/docker.sock (connection refused)"));
        Diagnosis d = run();
        assertThat(problems(d)).contains("docker-left-stopped", "daemon-unreachable", "docker-restarted-by-upgrade")
                .doesNotContain("data-root-drift");
        assertThat(steps(d)).first().isEqualTo("start-docker");
        assertThat(steps(d)).doesNotContain("restore-data-root");

        // healthy variant: the same upgrade, and Docker came back
        host().file("/var/log/syslog", "Oct  7 06:20:22 host systemd[1]: Stopped Docker Application Container Engine.\n"
                + "Oct  7 06:20:25 host systemd[1]: Started Docker Application Container Engine.\n");
        daemon.set(on("/srv/docker", "overlay2", 5));
        assertThat(problems(run())).doesNotContain("docker-left-stopped", "daemon-unreachable", "data-root-drift");
    }
}
