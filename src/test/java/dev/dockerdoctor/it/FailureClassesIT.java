package dev.dockerdoctor.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dockerdoctor.testing.BusyboxImage;
import dev.dockerdoctor.testing.DoctorCli;
import dev.dockerdoctor.testing.PrivateDockerd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Failure classes a real daemon can show, through the packaged CLI with a state folder. */
class FailureClassesIT {

    @Test
    void daemonJsonLosingItsDataRootIsNamedWithTheOldValue(@TempDir Path state) {
        try (PrivateDockerd d = PrivateDockerd.startDefault()) {
            Path big = d.base().resolve("big");
            d.writeDaemonJson("{\"data-root\": \"" + big + "\", \"log-level\": \"warn\"}");
            d.restartWithout("--data-root");
            d.importBusybox();
            d.dockerOk("run", "-d", "--name", "gitlab_web_1", "--restart", "always",
                    "--label", "com.docker.compose.project=gitlab", "--label", "com.docker.compose.service=web",
                    BusyboxImage.NAME, "httpd", "-f", "-p", "80", "-h", "/www");
            Map<String, String> env = Map.of("DOCTOR_DATA_ROOT_SEARCH", d.base().toString());

            DoctorCli.Run healthy = DoctorCli.run(env, "diagnose", "--json", "--docker-host", d.host(), "--state-dir", state.toString());
            assertThat(healthy.findingIds()).doesNotContain("data-root-drift", "daemon-json-replaced");
            assertThat(state.resolve("last-known-good.json")).exists();

            // another package ships its own daemon.json: data-root is gone, Docker restarts on another root
            d.writeDaemonJson("{\"runtimes\": {\"nvidia\": {\"path\": \"nvidia-container-runtime\"}}}");
            d.restart();
            DoctorCli.Run broken = DoctorCli.run(env, "diagnose", "--json", "--docker-host", d.host(), "--state-dir", state.toString());

            assertThat(broken.exitCode()).isEqualTo(1);
            assertThat(broken.findingIds()).contains("daemon-json-replaced", "data-root-drift");
            JsonNode changes = broken.json().path("changes");
            assertThat(changes.toString()).contains("\"key\":\"data-root\"").contains("\"old\":\"" + big + "\"")
                    .contains("\"key\":\"log-level\"");
            assertThat(broken.planIds()).first().isEqualTo("restore-data-root");
            assertThat(broken.json().path("plan").get(0).path("changes").get(0).path("to").asText()).isEqualTo(big.toString());
            DoctorCli.Run text = DoctorCli.run(env, "diagnose", "--docker-host", d.host(), "--state-dir", state.toString());
            assertThat(text.stdout()).contains("data-root was " + big);
        }
    }
}
