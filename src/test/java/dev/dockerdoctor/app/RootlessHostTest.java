package dev.dockerdoctor.app;

import dev.dockerdoctor.model.DaemonState;
import dev.dockerdoctor.model.Diagnosis;
import dev.dockerdoctor.model.Finding;
import dev.dockerdoctor.model.RootlessDaemon;
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
 * A host whose only Docker is alice's rootless one ({@code dockerd-rootless-setuptool.sh install}: a user unit, her
 * own daemon.json and root), from its files. Without lingering her Docker stopped at her logout: critical, with
 * {@code enable-linger:alice}; with lingering and the daemon answering, nothing is raised.
 */
class RootlessHostTest {
    static final String ROOT = "/home/alice/.local/share/docker";
    static final String PASSWD = """
            root:x:0:0:root:/root:/bin/bash
            nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
            alice:x:1000:1000:Alice,,,:/home/alice:/bin/bash
            bob:x:1001:1001::/home/bob:/bin/bash
            """;
    static final String USER_UNIT = """
            [Unit]
            Description=Docker Application Container Engine (Rootless)
            [Service]
            Environment=PATH=/usr/bin:/sbin:/usr/sbin
            ExecStart=/usr/bin/dockerd-rootless.sh
            [Install]
            WantedBy=default.target
            """;

    @TempDir
    Path hostDir;
    @TempDir
    Path stateDir;
    private final AtomicReference<DaemonState> daemon = new AtomicReference<>();
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-03T06:40:00Z"), ZoneOffset.UTC);

    private Diagnosis run() {
        return AgentRuns.diagnose(hostDir, "/home", daemon::get, clock, stateDir, Duration.ofDays(1));
    }

    private FakeHost alicesHost() {
        return new FakeHost(hostDir).file("/etc/passwd", PASSWD)
                .file("/home/alice/.config/systemd/user/docker.service", USER_UNIT)
                .file("/home/alice/.config/docker/daemon.json", "{\"log-level\": \"warn\"}")
                .file("/home/bob/.bashrc", "# bob has no Docker\n")
                .dataRoot(ROOT, "overlay2", 2, 2, "wiki");
    }

    @Test
    void aRootlessDockerWithoutLingeringIsDownAfterTheLogoutAndLingeringIsTheStep() {
        alicesHost();
        daemon.set(DaemonState.unreachable("connect: no such file or directory"));
        Diagnosis d = run();
        assertThat(d.snapshot().config().rootless()).singleElement().satisfies(r -> {
            assertThat(r.user()).isEqualTo("alice");
            assertThat(r.socket()).isEqualTo("/run/user/1000/docker.sock");
            assertThat(r.dataRoot()).isEqualTo(ROOT);
            assertThat(r.lingering()).isFalse();
        });
        Finding f = d.findings().stream().filter(x -> x.id().equals("rootless-docker-not-lingering")).findFirst().orElseThrow();
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.title()).contains("alice").contains("lingering is off");
        Step linger = d.plan().stream().filter(st -> st.id().equals("enable-linger:alice")).findFirst().orElseThrow();
        assertThat(linger.argv()).containsExactly(List.of("loginctl", "enable-linger", "alice"));
    }

    @Test
    void aLingeringRootlessDockerThatAnswersRaisesNothing() {
        alicesHost().file("/var/lib/systemd/linger/alice", "");
        daemon.set(new DaemonState(true, ROOT, "overlay2", "28.5.2", 2, 2, 2, true, null, List.of()));
        Diagnosis d = run();
        assertThat(d.snapshot().config().rootless()).extracting(RootlessDaemon::lingering).containsExactly(true);
        assertThat(d.findings()).filteredOn(x -> x.severity().isProblem()).as("a healthy rootless host").isEmpty();
        assertThat(d.plan()).extracting(Step::id).doesNotContain("enable-linger:alice");
    }
}
