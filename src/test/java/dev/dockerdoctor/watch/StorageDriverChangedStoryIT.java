package dev.dockerdoctor.watch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dockerdoctor.slack.standin.ServeProcess;
import dev.dockerdoctor.slack.standin.SignedClient;
import dev.dockerdoctor.slack.standin.SlackPayloads;
import dev.dockerdoctor.slack.standin.SlackStandIn;
import dev.dockerdoctor.testing.Command;
import dev.dockerdoctor.testing.HostNamespace;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The storage-driver failure class for real: Docker's root is on an ext4 disk with overlay2 (set in daemon.json),
 * GitLab runs from compose; then daemon.json is replaced by one that says vfs and Docker is restarted, so it shows
 * no image and no container although all are on disk. `diagnose` inside names storage-driver-changed and plans
 * restore-storage-driver first; an admin's click puts overlay2 back (every other key kept, a backup made), restarts
 * Docker once, and GitLab answers again.
 */
class StorageDriverChangedStoryIT {
    private static final String SECRET = "driver-story-secret-0123456789ab";
    /** The unit's command line names no driver: daemon.json decides. */
    private static final List<String> UNIT_FLAGS = List.of("dockerd", "--shutdown-timeout", "1");

    @Test
    void aDriverChangeIsNamedAndAnAdminsClickPutsOverlay2BackAndGitLabIsBack() throws Exception {
        try (HostNamespace ns = HostNamespace.create();
             SlackStandIn slack = new SlackStandIn(ns.hostAddress())) {
            Path disk = ns.ext4Disk("docker.img", "384M");
            ns.inside(List.of("mount", "-o", "loop", disk.toString(), "/var/lib/docker")).orThrow();
            Path daemonJson = ns.folder("/etc/docker/daemon.json");
            Files.writeString(daemonJson, "{\"storage-driver\": \"overlay2\", \"log-opts\": {\"max-size\": \"10m\"}}\n");
            ns.startDockerd(UNIT_FLAGS);
            ns.composeUpGitLab();
            Eventually.await("GitLab answering", Duration.ofSeconds(30), ns::gitlabAnswers);

            // daemon.json replaced (a package's or a config tool's copy) and Docker restarted: vfs, nothing shown
            Files.writeString(daemonJson, "{\"storage-driver\": \"vfs\", \"log-opts\": {\"max-size\": \"10m\"}}\n");
            ns.stopDockerd();
            ns.startDockerd(UNIT_FLAGS);
            assertThat(ns.gitlabAnswers()).as("the outage").isFalse();
            assertThat(ns.inside(List.of("docker", "images", "-q")).stdout().strip()).as("every image seems gone").isEmpty();

            Command.Result diagnose = ns.diagnose("--json");
            assertThat(diagnose.exitCode()).as(diagnose.stderr()).isEqualTo(1);
            JsonNode report = new ObjectMapper().readTree(diagnose.stdout());
            assertThat(report.path("findings").findValuesAsText("id")).contains("storage-driver-changed");
            assertThat(report.path("plan").get(0).path("id").asText()).isEqualTo("restore-storage-driver");
            assertThat(diagnose.stdout()).contains("overlay2", "vfs");

            Path state = Files.createDirectories(ns.base().resolve("state"));
            Map<String, String> env = Map.of(
                    "SLACK_BOT_TOKEN", "xoxb-e2e", "SLACK_SIGNING_SECRET", SECRET, "SLACK_API_URL", slack.apiUrl(),
                    "DOCTOR_STATE_DIR", state.toString(), "DOCTOR_ADMINS", "U0ALICE",
                    "DOCTOR_DOCKER_RESTART", ns.restartScript(UNIT_FLAGS).toString());
            try (ServeProcess bot = ServeProcess.start(env, ns.base(), Duration.ofSeconds(90), ns::enter, ns.address())) {
                SignedClient client = new SignedClient(ns.address(), bot.port(), SECRET);
                String value = StatusReport.buttonValue(slack, client, bot, "U0ALICE", "restore-storage-driver");

                long click = System.nanoTime();
                assertThat(client.post(SlackPayloads.blockAction("restore-storage-driver", value, "U0ALICE",
                        slack.responseUrl("click"))).status()).isEqualTo(200);
                Eventually.await("GitLab answering again; serve's log:\n" + bot.log() + "\ndockerd:\n" + ns.dockerdLog(),
                        Duration.ofSeconds(60), ns::gitlabAnswers);
                System.out.printf("driver story: click to GitLab answering again %d ms%n", (System.nanoTime() - click) / 1_000_000);
                slack.await(r -> r.path().equals("/response/click") && r.body().contains("(done,"), Duration.ofSeconds(60))
                        .orElseThrow(() -> new AssertionError("no result posted; serve's log:\n" + bot.log()));
                assertThat(ns.restarts()).as("Docker restarted once").isEqualTo(1);
                assertThat(Files.readString(daemonJson)).contains("\"storage-driver\"", "overlay2", "\"max-size\"")
                        .doesNotContain("vfs");
                try (var files = Files.list(ns.folder("/etc/docker"))) {
                    assertThat(files.map(p -> p.getFileName().toString()).toList())
                            .anySatisfy(n -> assertThat(n).startsWith("daemon.json.docker-doctor-").endsWith(".bak"));
                }
                assertThat(ns.inside(List.of("docker", "info", "--format", "{{.Driver}}")).stdout().strip()).isEqualTo("overlay2");
                assertThat(Files.readString(state.resolve("audit.jsonl")))
                        .contains("\"step\":\"restore-storage-driver\"", "\"exitStatus\":0");
            }
        }
    }
}
