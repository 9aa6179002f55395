package dev.dockerdoctor.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import dev.dockerdoctor.slack.message.ButtonRef;
import dev.dockerdoctor.model.StepId;
import dev.dockerdoctor.recovery.StepOutcome;
import dev.dockerdoctor.recovery.StepRunner;
import dev.dockerdoctor.testing.standin.SlackPayloads;
import dev.dockerdoctor.testing.standin.SlackSigner;
import dev.dockerdoctor.testing.standin.SlackStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The listeners as Bolt runs them, in Bolt's own test style: a request signed exactly as Slack signs it goes through
 * {@link App#run} with no HTTP server, so what Bolt checks (signature, timestamp) and what the bot answers in the ack
 * are seen together. Only Slack's Web API (auth.test) is the local stand-in.
 */
class SlackBotAppTest {
    private static final String SECRET = "app-test-signing-secret";
    private static SlackStandIn slack;
    private static SlackBot bot;
    private static App app;
    private static final AtomicInteger diagnoses = new AtomicInteger();
    private static final List<String> ran = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static final InMemoryReportStore store = new InMemoryReportStore(10);

    @BeforeAll
    static void wire() throws Exception {
        slack = new SlackStandIn();
        bot = new SlackBot(since -> {
            diagnoses.incrementAndGet();
            return TestDiagnoses.incident();
        }, store, new SlackBot.Options("build-01", Set.of("U0ALICE"), Clock.systemUTC(),
                ZoneOffset.UTC, 1, 4), new StepRunner() {
            @Override
            public boolean mayRun(String user) {
                return user.equals("U0ALICE");
            }

            @Override
            public StepOutcome run(String stepId, String user, String reference, Consumer<String> progress) {
                ran.add(stepId + " by " + user);
                return new StepOutcome(StepOutcome.Status.DONE, stepId, user, "ran", List.of(), null);
            }
        });
        app = bot.app(SlackBot.appConfig(SlackBot.slack(slack.apiUrl()), "xoxb-app-test", SECRET));
    }

    @AfterAll
    static void close() throws Exception {
        bot.close();
        slack.close();
    }

    private static RequestHeaders signed(String body, long timestamp, String secret) {
        return new RequestHeaders(Map.of(
                "content-type", List.of("application/x-www-form-urlencoded"),
                "x-slack-request-timestamp", List.of(Long.toString(timestamp)),
                "x-slack-signature", List.of(SlackSigner.sign(secret, timestamp, body))));
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    @Test
    void aSignedHelpIsAnsweredInTheAckItself() throws Exception {
        String body = SlackPayloads.slashCommand("help", "U0BOB", slack.responseUrl("help"));
        Response r = app.run(new SlashCommandRequest(body, signed(body, now(), SECRET)));
        assertThat(r.getStatusCode()).isEqualTo(200);
        assertThat(r.getBody()).contains("/docker-status").contains("docker-doctor diagnose").contains("ephemeral");
    }

    @Test
    void aWrongSignatureOrAStaleTimestampIsRefusedBeforeAnyListenerRuns() throws Exception {
        int before = diagnoses.get();
        String body = SlackPayloads.slashCommand("", "U0BOB", slack.responseUrl("forged"));
        Response forged = app.run(new SlashCommandRequest(body, signed(body, now(), "not-the-secret")));
        Response stale = app.run(new SlashCommandRequest(body, signed(body, now() - 6 * 60, SECRET)));
        assertThat(forged.getStatusCode()).isEqualTo(401);
        assertThat(stale.getStatusCode()).as("older than five minutes: a replay").isEqualTo(401);
        Thread.sleep(200);
        assertThat(diagnoses.get()).as("no diagnosis ran for a refused request").isEqualTo(before);
    }

    @Test
    void aSignedReportIsAckedAtOnceAndSentToTheResponseUrl() throws Exception {
        String body = SlackPayloads.slashCommand("", "U0BOB", slack.responseUrl("report"));
        Response r = app.run(new SlashCommandRequest(body, signed(body, now(), SECRET)));
        assertThat(r.getStatusCode()).isEqualTo(200);
        assertThat(slack.awaitPath("/response/report", Duration.ofSeconds(10)))
                .as("the report follows on the response_url").isPresent()
                .get().satisfies(rec -> assertThat(rec.body()).contains("Docker on build-01"));
    }

    @Test
    void aStrangersStepButtonOnlyShowsWhatItWouldDo() throws Exception {
        String value = new ButtonRef("r-none", "restore-data-root").encode();
        String body = SlackPayloads.blockAction("restore-data-root", value, "U0STRANGER", slack.responseUrl("click"));
        String json = SlackPayloads.blockActionJson("restore-data-root", value, "U0STRANGER", slack.responseUrl("click")).toString();
        Response r = app.run(new BlockActionRequest(body, json, signed(body, now(), SECRET)));
        assertThat(r.getStatusCode()).isEqualTo(200);
        assertThat(slack.awaitPath("/response/click", Duration.ofSeconds(10))).as("an answer for that user only").isPresent()
                .get().satisfies(rec -> assertThat(rec.body()).contains("no longer have"));
    }

    @Test
    void anAdminsIdFromAnotherWorkspaceRunsNothingWhileTheRealAdminRuns() throws Exception {
        StoredReport report = store.save(TestDiagnoses.incident());
        String step = report.diagnosis().plan().get(0).id();
        String value = new ButtonRef(report.id(), step).encode();

        com.google.gson.JsonObject foreign = SlackPayloads.blockActionJson(StepId.actionId(step), value, "U0ALICE",
                slack.responseUrl("foreign"));
        foreign.getAsJsonObject("team").addProperty("id", "T0OTHER");
        foreign.getAsJsonObject("user").addProperty("team_id", "T0OTHER");
        click(foreign);
        assertThat(slack.awaitPath("/response/foreign", Duration.ofSeconds(10))).as("shown what it would do").isPresent();
        assertThat(ran).as("same user id, another workspace").isEmpty();

        com.google.gson.JsonObject otherApp = SlackPayloads.blockActionJson(StepId.actionId(step), value, "U0ALICE",
                slack.responseUrl("other-app"));
        otherApp.addProperty("api_app_id", "A0OTHERAPP");
        click(otherApp);
        assertThat(slack.awaitPath("/response/other-app", Duration.ofSeconds(10))).as("shown what it would do").isPresent();
        assertThat(ran).as("our workspace, but a payload for another app").isEmpty();

        click(SlackPayloads.blockActionJson(StepId.actionId(step), value, "U0ALICE", slack.responseUrl("ours")));
        assertThat(slack.awaitPath("/response/ours", Duration.ofSeconds(10))).isPresent();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (ran.isEmpty() && System.nanoTime() < deadline) Thread.sleep(20); // "started" is said before the run
        assertThat(ran).containsExactly(step + " by U0ALICE");
    }

    private static void click(com.google.gson.JsonObject json) throws Exception {
        String body = "payload=" + java.net.URLEncoder.encode(json.toString(), java.nio.charset.StandardCharsets.UTF_8);
        Response r = app.run(new BlockActionRequest(body, json.toString(), signed(body, now(), SECRET)));
        assertThat(r.getStatusCode()).isEqualTo(200);
    }
}
