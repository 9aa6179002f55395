package dev.dockerdoctor.app;

import dev.dockerdoctor.model.DaemonState;
import dev.dockerdoctor.model.Diagnosis;
import dev.dockerdoctor.model.Finding;
import dev.dockerdoctor.model.Severity;
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
 * An RPM-family host (Rocky 9) from the files it leaves: dnf-automatic upgrades docker-ce at 06:20, written to
 * /var/log/dnf.rpm.log, and systemd restarts Docker, written to /var/log/messages. The upgrade rule names the package
 * and both versions, and prevention is dnf's own (versionlock), never an apt step. A clean restart (live-restore on,
 * the daemon answering) is worth a line, not a problem.
 */
class RpmHostTest {
    static final String UNIT = "[Service]\nExecStart=/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock\n";
    static final String OS_RELEASE = "NAME=\"Rocky Linux\"\nVERSION=\"9.4 (Blue Onyx)\"\nID=\"rocky\"\nID_LIKE=\"rhel centos fedora\"\n"
            + "PRETTY_NAME=\"Rocky Linux 9.4 (Blue Onyx)\"\n";
    // dnf 4 as it writes an unattended run (dnf-automatic): each item, then the version it replaced
    static final String DNF_RPM_LOG = """
            2021-10-07T06:19:58+0000 SUBDEBUG Upgrade: containerd.io-1.6.28-3.1.el9.x86_64
            2021-10-07T06:19:59+0000 SUBDEBUG Upgraded: containerd.io-1.6.27-3.1.el9.x86_64
            2021-10-07T06:20:11+0000 SUBDEBUG Upgrade: docker-ce-3:24.0.9-1.el9.x86_64
            2021-10-07T06:20:13+0000 SUBDEBUG Upgraded: docker-ce-3:24.0.7-1.el9.x86_64
            2021-10-07T06:20:14+0000 INFO --- logging initialized ---
            """;
    static final String MESSAGES = """
            Oct  7 06:20:00 rocky systemd[1]: Starting dnf-automatic-install.service - dnf automatic install updates...
            Oct  7 06:20:12 rocky systemd[1]: Stopping docker.service - Docker Application Container Engine...
            Oct  7 06:20:13 rocky systemd[1]: docker.service: Deactivated successfully.
            Oct  7 06:20:13 rocky systemd[1]: Stopped docker.service - Docker Application Container Engine.
            Oct  7 06:20:15 rocky systemd[1]: Starting docker.service - Docker Application Container Engine...
            Oct  7 06:20:16 rocky systemd[1]: Started docker.service - Docker Application Container Engine.
            """;

    @TempDir
    Path hostDir;
    @TempDir
    Path stateDir;
    private final AtomicReference<DaemonState> daemon = new AtomicReference<>();
    private final Clock clock = Clock.fixed(Instant.parse("2021-10-07T06:40:00Z"), ZoneOffset.UTC);

    private Diagnosis run() {
        return AgentRuns.diagnose(hostDir, "/var/lib/docker", daemon::get, clock, stateDir, java.time.Duration.ofDays(1));
    }

    private FakeHost rocky() {
        return new FakeHost(hostDir).file("/usr/lib/systemd/system/docker.service", UNIT).file("/etc/os-release", OS_RELEASE)
                .file("/var/log/dnf.rpm.log", DNF_RPM_LOG).file("/var/log/messages", MESSAGES)
                .dataRoot("/var/lib/docker", "overlay2", 3, 3, "gitlab");
    }

    private static DaemonState up(boolean liveRestore) {
        return new DaemonState(true, "/var/lib/docker", "overlay2", "24.0.9", 3, 3, 3, liveRestore, null, List.of());
    }

    @Test
    void dnfsUpgradeIsNamedWithItsVersionsAndPreventionIsDnfsOwn() {
        rocky();
        daemon.set(up(false));
        Diagnosis d = run();
        Finding f = d.findings().stream().filter(x -> x.id().equals("docker-restarted-by-upgrade")).findFirst().orElseThrow();
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.evidence()).extracting(e -> e.source()).contains("/var/log/dnf.rpm.log", "/var/log/messages");
        assertThat(f.title() + " " + f.detail()).contains("docker-ce").contains("dnf versionlock").doesNotContain("apt-daily-upgrade.timer");
        // the timer's run is the unattended upgrade, as apt-daily-upgrade is on Debian
        assertThat(f.detail()).startsWith("On 2021-10-07 at 06:20:00 dnf-automatic ran and upgraded");
        assertThat(d.snapshot().events()).extracting(e -> e.kind().wire()).contains("dnf-automatic-start");
        assertThat(d.snapshot().events()).anySatisfy(e -> {
            assertThat(e.pkg()).isEqualTo("docker-ce");
            assertThat(e.from()).isEqualTo("3:24.0.7-1.el9");
            assertThat(e.to()).isEqualTo("3:24.0.9-1.el9");
        });
        List<String> steps = d.plan().stream().map(Step::id).toList();
        assertThat(steps).contains("hold-docker-packages").doesNotContain("blacklist-docker-upgrades", "disable-apt-daily-upgrade");
        Step hold = d.plan().stream().filter(st -> st.id().equals("hold-docker-packages")).findFirst().orElseThrow();
        assertThat(hold.argv()).containsExactly(List.of("dnf", "versionlock", "add", "docker-ce", "containerd.io"));
    }

    @Test
    void aCleanRestartByARoutineUpgradeRaisesNothing() {
        rocky();
        daemon.set(up(true));
        Diagnosis d = run();
        assertThat(d.findings()).filteredOn(f -> f.severity().isProblem()).as("a healthy RPM host").isEmpty();
        assertThat(d.findings()).extracting(Finding::id).contains("docker-restarted-by-upgrade");
    }
}
