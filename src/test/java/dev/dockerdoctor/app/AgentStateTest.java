package dev.dockerdoctor.app;

import dev.dockerdoctor.model.Change;
import dev.dockerdoctor.model.DaemonState;
import dev.dockerdoctor.model.Diagnosis;
import dev.dockerdoctor.model.Finding;
import dev.dockerdoctor.testing.FakeHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The agent remembers a healthy host and, once it breaks, says what went and what it was. */
class AgentStateTest {
    @TempDir
    Path hostDir;
    @TempDir
    Path stateDir;

    private final AtomicReference<DaemonState> daemon = new AtomicReference<>();
    private final Clock clock = Clock.fixed(Instant.parse("2021-10-07T06:40:00Z"), ZoneOffset.UTC);

    private Diagnosis run() {
        return AgentRuns.diagnose(hostDir, "/var/lib/docker,/srv", daemon::get, clock, stateDir, java.time.Duration.ofHours(1));
    }

    @Test
    void saysWhichDaemonJsonKeyWentAndWhatItWas() {
        FakeHost host = new FakeHost(hostDir).dockerInstalled()
                .file("/etc/docker/daemon.json", "{\"data-root\": \"/srv/docker\", \"live-restore\": true}")
                .dataRoot("/srv/docker", "overlay2", 3, 2, "gitlab", "gitlab_data")
                .dataRoot("/var/lib/docker", "overlay2", 0, 0, null);
        daemon.set(new DaemonState(true, "/srv/docker", "overlay2", "20.10.24", 3, 3, 2, true, null, List.of()));

        Diagnosis healthy = run();
        assertThat(healthy.hasProblems()).isFalse();
        assertThat(Files.exists(stateDir.resolve("last-known-good.json"))).isTrue();

        host.file("/etc/docker/daemon.json", "{\"live-restore\": true}");
        daemon.set(new DaemonState(true, "/var/lib/docker", "overlay2", "20.10.24", 0, 0, 0, true, null, List.of()));
        Diagnosis broken = run();

        assertThat(broken.findings()).extracting(Finding::id).contains("data-root-drift", "daemon-json-replaced");
        assertThat(broken.changes()).contains(new Change("/etc/docker/daemon.json", "data-root", "/srv/docker", null));
        assertThat(broken.changes()).contains(new Change("daemon", "DockerRootDir", "/srv/docker", "/var/lib/docker"));
        // a broken run never overwrites the good memory
        Diagnosis again = run();
        assertThat(again.changes()).contains(new Change("/etc/docker/daemon.json", "data-root", "/srv/docker", null));
    }

    @Test
    void aCorruptStateFileIsIgnoredAndRewritten() throws Exception {
        new FakeHost(hostDir).dockerInstalled().dataRoot("/var/lib/docker", "overlay2", 1, 1, null);
        Files.writeString(stateDir.resolve("last-known-good.json"), "{garbage");
        daemon.set(new DaemonState(true, "/var/lib/docker", "overlay2", "20.10.24", 1, 1, 1, true, null, List.of()));
        Diagnosis d = run();
        assertThat(d.changes()).isEmpty();
        assertThat(Files.readString(stateDir.resolve("last-known-good.json"))).contains("/var/lib/docker");
    }

    @Test
    void theHostsZoneComesFromItsOwnFilesNotTheBots() throws Exception {
        FakeHost host = new FakeHost(hostDir).file("/etc/timezone", "Europe/Berlin\n");
        assertThat(Agent.hostZone(new dev.dockerdoctor.evidence.HostFiles(hostDir))).contains(java.time.ZoneId.of("Europe/Berlin"));
        host.delete("/etc/timezone");
        Files.createSymbolicLink(host.path("/etc/localtime"), Path.of("/usr/share/zoneinfo/Asia/Tokyo"));
        assertThat(Agent.hostZone(new dev.dockerdoctor.evidence.HostFiles(hostDir))).contains(java.time.ZoneId.of("Asia/Tokyo"));
        host.file("/etc/timezone", "not a zone");
        assertThat(Agent.hostZone(new dev.dockerdoctor.evidence.HostFiles(hostDir))).contains(java.time.ZoneId.of("Asia/Tokyo"));
    }

    @Test
    void theAgentHandsTheHostsZoneToWhateverShowsTimes() {
        new FakeHost(hostDir).file("/etc/timezone", "Asia/Tokyo\n");
        Settings settings = Settings.fromEnv(Map.of(Env.DOCTOR_HOST_ROOT, hostDir.toString()));
        try (Agent agent = new Agent(settings, Map.of(), () -> daemon::get, clock, stateDir)) {
            assertThat(agent.zone()).as("the host's, not the bot's UTC clock").isEqualTo(java.time.ZoneId.of("Asia/Tokyo"));
        }
        new FakeHost(hostDir).delete("/etc/timezone");
        try (Agent agent = new Agent(settings, Map.of(), () -> daemon::get, clock, stateDir)) {
            assertThat(agent.zone()).as("a host that says nothing: the bot's own").isEqualTo(ZoneOffset.UTC);
        }
    }
}
