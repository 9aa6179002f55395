package dev.dockerdoctor.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dockerdoctor.testing.DoctorCli;
import dev.dockerdoctor.testing.PrivateDockerd;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The story's core against a real dockerd and real docker-compose, through the packaged CLI: a daemon on a big-disk
 * root with compose projects, restarted without its --data-root flag.
 */
class DataRootDriftIT {

    private static Map<String, String> env(PrivateDockerd d) {
        // search only the daemon's own folder for roots: the machine's other folders are not this test's
        return Map.of("DOCTOR_DATA_ROOT_SEARCH", d.base().toString());
    }

    private static Path gitlabProject(PrivateDockerd d) throws IOException {
        Path project = Files.createDirectories(d.base().resolve("srv/gitlab"));
        Files.writeString(project.resolve("docker-compose.yml"), """
                version: "2.4"
                services:
                  web:
                    image: local/busybox
                    command: httpd -f -p 80 -h /www
                    restart: always
                    network_mode: none
                    volumes:
                      - gitlab_data:/var/opt/gitlab
                  runner:
                    image: local/busybox
                    command: sleep 3600
                    network_mode: none
                volumes:
                  gitlab_data:
                """);
        return project;
    }

    @Test
    void aDaemonRestartedWithoutItsDataRootIsDriftWithTheOrphanedRootAndARestoreStep() throws IOException {
        try (PrivateDockerd d = PrivateDockerd.builder().dataRoot(Path.of("big")).start()) {
            Path big = d.base().resolve("big");
            d.composeOk(gitlabProject(d), "up", "-d");

            d.restartWithout("--data-root");
            DoctorCli.Run run = DoctorCli.run(env(d), "diagnose", "--json", "--docker-host", d.host());

            assertThat(run.exitCode()).as(run.stderr()).isEqualTo(1);
            JsonNode j = run.json();
            assertThat(j.path("daemon").path("reachable").asBoolean()).isTrue();
            assertThat(j.path("daemon").path("dockerRootDir").asText()).isEqualTo(d.dataRoot().toString());
            assertThat(j.path("daemon").path("containers").asInt()).isZero();
            JsonNode orphan = root(j, big.toString());
            assertThat(orphan.path("active").asBoolean()).isFalse();
            assertThat(orphan.path("containers").asInt()).isEqualTo(2);
            assertThat(orphan.path("volumes").asInt()).isEqualTo(1);
            assertThat(orphan.path("composeProjects").toString()).contains("gitlab");
            assertThat(root(j, d.dataRoot().toString()).path("active").asBoolean()).isTrue();
            assertThat(run.findingIds()).contains("data-root-drift");
            assertThat(run.planIds()).first().isEqualTo("restore-data-root");
            JsonNode change = j.path("plan").get(0).path("changes").get(0);
            assertThat(change.path("key").asText()).isEqualTo("data-root");
            assertThat(change.path("to").asText()).isEqualTo(big.toString());
        }
    }

    @Test
    void withTheDaemonStoppedTheRootIsStillFoundOnDiskQuickly() throws IOException {
        try (PrivateDockerd d = PrivateDockerd.builder().dataRoot(Path.of("big")).start()) {
            Path big = d.base().resolve("big");
            d.composeOk(gitlabProject(d), "up", "-d");
            d.stop();

            DoctorCli.Run run = DoctorCli.run(env(d), "diagnose", "--json", "--docker-host", d.host());

            assertThat(run.took()).as("the whole diagnose process").isLessThan(java.time.Duration.ofSeconds(5));
            System.out.printf("diagnose with the daemon down: %d ms%n", run.took().toMillis());
            JsonNode j = run.json();
            assertThat(j.path("daemon").path("reachable").asBoolean()).isFalse();
            assertThat(j.path("daemon").path("containers").isNull()).isTrue();
            assertThat(j.path("daemon").path("error").asText()).contains(d.socket().toString());
            assertThat(root(j, big.toString()).path("containers").asInt()).isEqualTo(2);
            assertThat(run.findingIds()).contains("daemon-unreachable");
        }
    }

    @Test
    void aHealthyDaemonOnItsOneRootRaisesNoAlarm() throws IOException {
        try (PrivateDockerd d = PrivateDockerd.builder().dataRoot(Path.of("big")).start()) {
            d.writeDaemonJson("{\"live-restore\": true}");
            d.restart();
            d.composeOk(gitlabProject(d), "up", "-d");

            DoctorCli.Run run = DoctorCli.run(env(d), "diagnose", "--json", "--docker-host", d.host());

            assertThat(run.findingIds()).doesNotContain("data-root-drift", "daemon-unreachable");
            assertThat(run.exitCode()).as(run.stdout()).isZero();
            assertThat(run.json().path("healthy").asBoolean()).isTrue();
            DoctorCli.Run text = DoctorCli.run(env(d), "diagnose", "--docker-host", d.host());
            assertThat(text.stdout()).startsWith("Healthy: Docker ");
        }
    }

    private static JsonNode root(JsonNode j, String path) {
        for (JsonNode r : j.path("dataRoots")) if (r.path("path").asText().equals(path)) return r;
        throw new AssertionError("no data root " + path + " in " + j.path("dataRoots"));
    }
}
