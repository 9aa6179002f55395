package dev.dockerdoctor.it;

import dev.dockerdoctor.testing.Eventually;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.dockerdoctor.testing.standin.ServeProcess;
import dev.dockerdoctor.testing.standin.SignedClient;
import dev.dockerdoctor.testing.standin.SlackJson;
import dev.dockerdoctor.testing.standin.SlackPayloads;
import dev.dockerdoctor.testing.standin.SlackStandIn;
import dev.dockerdoctor.testing.BusyboxImage;
import dev.dockerdoctor.testing.Command;
import dev.dockerdoctor.testing.DaemonFlags;
import dev.dockerdoctor.testing.PrivateDockerd;
import dev.dockerdoctor.testing.RestartScript;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The story's fix from Slack, for real: a daemon restarted without its --data-root, an admin's click on
 * restore-data-root in the packaged serve edits the daemon's daemon.json, restarts Docker once through
 * DOCTOR_DOCKER_RESTART (a script standing in for `systemctl restart docker`: it stops the daemon by its pid file and
 * starts it with the unit's flags, which have no root), and GitLab (busybox httpd with restart: always) answers again.
 */
class RecoveryStoryIT {
    private static final String SECRET = "recovery-story-secret-0123456789";

    @Test
    void anAdminsClickPutsTheRootBackRestartsDockerOnceAndGitLabAnswersAgain() throws Exception {
        try (PrivateDockerd d = PrivateDockerd.builder().dataRoot(Path.of("big")).start();
             SlackStandIn slack = new SlackStandIn()) {
            Path big = d.base().resolve("big");
            d.dockerOk("run", "-d", "--name", "gitlab", "--restart", "always", "--network", "none", BusyboxImage.NAME,
                    "sh", "-c", "mkdir -p /www && echo gitlab-ok > /www/index.html && exec httpd -f -p 80 -h /www");
            assertThat(gitlabAnswers(d)).isTrue();
            d.restartWithout("--data-root");
            assertThat(gitlabAnswers(d)).as("the outage").isFalse();

            Path restart = restartScript(d);
            Path state = Files.createDirectories(d.base().resolve("state"));
            Map<String, String> env = Map.of(
                    "SLACK_BOT_TOKEN", "xoxb-e2e", "SLACK_SIGNING_SECRET", SECRET, "SLACK_API_URL", slack.apiUrl(),
                    "DOCKER_HOST", d.host(), "DOCTOR_DATA_ROOT_SEARCH", d.base().toString(),
                    "DOCTOR_STATE_DIR", state.toString(), "DOCTOR_ADMINS", "U0ALICE",
                    "DOCTOR_DOCKER_RESTART", restart.toString());
            try (ServeProcess bot = ServeProcess.start(env, d.base(), Duration.ofSeconds(60))) {
                SignedClient client = new SignedClient(bot.port(), SECRET);
                client.post(SlackPayloads.slashCommand("", "U0ALICE", slack.responseUrl("report")));
                JsonObject report = JsonParser.parseString(slack.awaitPath("/response/report", Duration.ofSeconds(60))
                        .orElseThrow().body()).getAsJsonObject();
                String value = SlackJson.button(report, "restore-data-root").get("value").getAsString();

                long click = System.nanoTime();
                assertThat(client.post(SlackPayloads.blockAction("restore-data-root", value, "U0ALICE",
                        slack.responseUrl("click"))).status()).isEqualTo(200);
                Eventually.await("GitLab answering again; serve's log:\n" + bot.log(), Duration.ofSeconds(60),
                        () -> gitlabAnswers(d));
                long answerMs = (System.nanoTime() - click) / 1_000_000;
                System.out.printf("recovery: click to GitLab answering again %d ms%n", answerMs);
                assertThat(answerMs).as("click to GitLab answering").isLessThan(15_000);

                SlackStandIn.Recorded result = slack.await(r -> r.path().equals("/response/click")
                        && r.body().contains("(done,"), Duration.ofSeconds(60))
                        .orElseThrow(() -> new AssertionError("no result posted; posts: " + slack.requestsTo("/response/click")
                                + "\nserve's log:\n" + bot.log()));
                assertThat(result.body()).contains("U0ALICE").contains("Healthy");
                assertThat(Files.readString(d.configFile())).contains("\"data-root\" : \"" + big + "\"").contains("deprecated-key-path");
                try (var files = Files.list(d.base())) {
                    assertThat(files.map(p -> p.getFileName().toString()).collect(Collectors.toList()))
                            .anySatisfy(n -> assertThat(n).startsWith("daemon.json.docker-doctor-").endsWith(".bak"));
                }
                assertThat(Files.readAllLines(d.base().resolve("restarts.log"))).as("Docker restarted once").hasSize(1);
                String audit = Files.readString(state.resolve("audit.jsonl"));
                assertThat(audit).contains("\"user\":\"U0ALICE\"", "\"step\":\"restore-data-root\"", "\"exitStatus\":0");
            }
        }
    }

    /** GitLab's stand-in answers on its own loopback (the sandbox publishes no ports): ask it from inside. */
    private static boolean gitlabAnswers(PrivateDockerd d) {
        Command.Result r = d.docker("exec", "gitlab", "wget", "-q", "-O", "-", "http://127.0.0.1:80/");
        return r.ok() && r.stdout().contains("gitlab-ok");
    }

    /**
     * What `systemctl restart docker` does for this daemon: the unit's command line names no data root (so
     * daemon.json's data-root applies).
     */
    private static Path restartScript(PrivateDockerd d) throws Exception {
        return RestartScript.write(d.base(), d.pidFile(), d.socket(), DaemonFlags.without(d.commandLine(), "--data-root"),
                d.logFile());
    }
}
