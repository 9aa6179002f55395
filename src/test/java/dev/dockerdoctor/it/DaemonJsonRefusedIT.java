package dev.dockerdoctor.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dockerdoctor.testing.DoctorCli;
import dev.dockerdoctor.testing.ModernDocker;
import dev.dockerdoctor.testing.PrivateDockerd;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A daemon.json that dockerd refuses, on both engines (Debian 12's 20.10 and today's 28.5): the daemon really does not
 * start, its log says why, and {@code diagnose} on the host whose Docker is down names the same keys, calls it
 * critical and offers no start-docker, which would fail again on the same file.
 */
class DaemonJsonRefusedIT {
    private static final String BAD = "{\"live-restore\": \"yes\", \"data_root\": \"/srv/docker\", \"log-opts\": {\"max-size\": \"10m\"}}";

    @Test
    void bothEnginesRefuseWhatDiagnoseNames() throws Exception {
        List<Path> engines = new ArrayList<>();
        engines.add(null); // the machine's own
        engines.add(ModernDocker.bin());
        for (Path engine : engines) {
            PrivateDockerd.Builder b = PrivateDockerd.builder().busybox(false);
            if (engine != null) b.engine(engine);
            try (PrivateDockerd d = b.start()) {
                String version = d.serverVersion();
                d.stop();
                d.writeDaemonJson(BAD);
                assertThatThrownBy(d::start).as("Docker " + version + " refuses the file")
                        .isInstanceOf(PrivateDockerd.DaemonStartException.class)
                        .hasMessageContaining("unable to configure the Docker daemon with file");
                String said = d.logTail(5);
                System.out.println("Docker " + version + " said: " + said.lines().filter(l -> l.contains("unable to configure")).findFirst().orElse(said));

                Path host = Files.createDirectories(d.base().resolve("host/etc/docker"));
                Files.copy(d.configFile(), host.resolve("daemon.json"));
                DoctorCli.Run r = DoctorCli.run(Map.of("DOCKER_HOST", d.host(), "DOCTOR_HOST_ROOT", d.base().resolve("host").toString()),
                        "diagnose", "--json");
                assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isEqualTo(1);
                JsonNode f = null;
                for (JsonNode n : r.json().path("findings")) if (n.path("id").asText().equals("daemon-json-invalid")) f = n;
                assertThat(f).as("daemon-json-invalid on Docker " + version + ": " + r.findingIds()).isNotNull();
                assertThat(f.path("severity").asText()).isEqualTo("critical");
                assertThat(f.toString()).contains("data_root", "did you mean", "data-root", "live-restore", "true or false");
                assertThat(r.planIds()).doesNotContain("start-docker");
                // what dockerd itself named is among what diagnose names
                if (said.contains("don't match any configuration option")) assertThat(said).contains("data_root");
            }
        }
    }
}
