package dev.dockerdoctor.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import dev.dockerdoctor.diagnosis.Doctor;
import dev.dockerdoctor.diagnosis.plan.PlanContext;
import dev.dockerdoctor.model.ComposeProblem;
import dev.dockerdoctor.model.Diagnosis;
import dev.dockerdoctor.model.Secrets;
import dev.dockerdoctor.testing.NoSteps;
import dev.dockerdoctor.testing.Snapshots;
import dev.dockerdoctor.testing.standin.SlackPayloads;
import dev.dockerdoctor.testing.standin.SlackSigner;
import dev.dockerdoctor.testing.standin.SlackStandIn;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 20, item 2: whatever path brings one of the bot's own secrets into a finding (a compose file that quotes
 * it, a step's output), it is masked in everything the bot posts.
 */
class SecretsNeverPostedTest {
    private static final String TOKEN = "xoxb-1234-5678-never-in-slack";
    private static final String SECRET = "secrets-test-signing";

    @Test
    void aTokenQuotedByAComposeFileIsMaskedInTheReport() throws Exception {
        Diagnosis d = Doctor.standard(PlanContext.defaults()).diagnose(Snapshots.host()
                .daemonOn("/var/lib/docker", 1, 1).root("/var/lib/docker", true, 1, 1, 0)
                .composeProblem(new ComposeProblem("/home/mallory/docker-compose.yml", 3,
                        "service \"x\" refers to undefined volume " + TOKEN))
                .build());
        try (SlackStandIn slack = new SlackStandIn();
             SlackBot bot = new SlackBot(since -> d, new InMemoryReportStore(4), new SlackBot.Options("build-01",
                     Set.of(), Clock.systemUTC(), ZoneOffset.UTC, 1, 4, Secrets.of(List.of(TOKEN, SECRET))), new NoSteps())) {
            App app = bot.app(SlackBot.appConfig(SlackBot.slack(slack.apiUrl()), TOKEN, SECRET));
            String body = SlackPayloads.slashCommand("compose", "U0BOB", slack.responseUrl("compose"));
            long ts = System.currentTimeMillis() / 1000;
            app.run(new SlashCommandRequest(body, new RequestHeaders(Map.of(
                    "content-type", List.of("application/x-www-form-urlencoded"),
                    "x-slack-request-timestamp", List.of(Long.toString(ts)),
                    "x-slack-signature", List.of(SlackSigner.sign(SECRET, ts, body))))));

            String posted = slack.awaitPath("/response/compose", Duration.ofSeconds(10)).orElseThrow().body();
            assertThat(posted).as("the problem is still told").contains("refers to undefined volume")
                    .contains(Secrets.MASK).doesNotContain(TOKEN);
        }
    }
}
