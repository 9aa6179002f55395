package dev.dockerdoctor.it;

import dev.dockerdoctor.testing.Eventually;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dockerdoctor.testing.standin.ServeProcess;
import dev.dockerdoctor.testing.standin.SignedClient;
import dev.dockerdoctor.testing.standin.SlackPayloads;
import dev.dockerdoctor.testing.standin.SlackStandIn;
import dev.dockerdoctor.testing.Command;
import dev.dockerdoctor.testing.HostNamespace;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The two halves of a failure-class story in a namespace: diagnose names it, an admin's click fixes it. */
public final class NamespaceRecovery {
    private static final String SECRET = "namespace-recovery-secret-012345";

    private NamespaceRecovery() {
    }

    /** `diagnose --json` inside: exit 1, the finding named, the step planned first; returns the report's text. */
    public static String diagnoseNames(HostNamespace ns, String finding, String firstStep) throws Exception {
        Command.Result diagnose = ns.diagnose("--json");
        assertThat(diagnose.exitCode()).as(diagnose.stderr()).isEqualTo(1);
        JsonNode report = new ObjectMapper().readTree(diagnose.stdout());
        assertThat(report.path("findings").findValuesAsText("id")).contains(finding);
        assertThat(report.path("plan").get(0).path("id").asText()).isEqualTo(firstStep);
        return diagnose.stdout();
    }

    /**
     * The packaged bot inside, with every default path and {@code unitFlags} as Docker's restart: an admin asks
     * /docker-status and clicks {@code step}; GitLab answers again, the result is posted, Docker restarted once, the
     * audit names the step with exit status 0. Prints the time from the click to GitLab answering.
     */
    public static void adminsClickBringsGitLabBack(HostNamespace ns, SlackStandIn slack, String step, List<String> unitFlags)
            throws Exception {
        Path state = Files.createDirectories(ns.base().resolve("state"));
        Map<String, String> env = Map.of(
                "SLACK_BOT_TOKEN", "xoxb-e2e", "SLACK_SIGNING_SECRET", SECRET, "SLACK_API_URL", slack.apiUrl(),
                "DOCTOR_STATE_DIR", state.toString(), "DOCTOR_ADMINS", "U0ALICE",
                "DOCTOR_DOCKER_RESTART", ns.restartScript(unitFlags).toString());
        try (ServeProcess bot = ServeProcess.start(env, ns.base(), Duration.ofSeconds(90), ns::enter, ns.address())) {
            SignedClient client = new SignedClient(ns.address(), bot.port(), SECRET);
            String value = StatusReport.buttonValue(slack, client, bot, "U0ALICE", step);

            long click = System.nanoTime();
            assertThat(client.post(SlackPayloads.blockAction(step, value, "U0ALICE", slack.responseUrl("click"))).status())
                    .isEqualTo(200);
            Eventually.await("GitLab answering again; serve's log:\n" + bot.log() + "\ndockerd:\n" + ns.dockerdLog(),
                    Duration.ofSeconds(60), ns::gitlabAnswers);
            System.out.printf("%s: click to GitLab answering again %d ms%n", step, (System.nanoTime() - click) / 1_000_000);
            SlackStandIn.Recorded result = slack.await(r -> r.path().equals("/response/click") && r.body().contains("(done,"),
                    Duration.ofSeconds(60)).orElseThrow(() -> new AssertionError("no result posted; serve's log:\n" + bot.log()));
            assertThat(result.body()).contains("U0ALICE");
            assertThat(ns.restarts()).as("Docker restarted once").isEqualTo(1);
            assertThat(Files.readString(state.resolve("audit.jsonl")))
                    .contains("\"user\":\"U0ALICE\"", "\"step\":\"" + step + "\"", "\"exitStatus\":0");
        }
    }
}
