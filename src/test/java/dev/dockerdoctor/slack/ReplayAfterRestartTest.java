package dev.dockerdoctor.slack;

import com.google.gson.JsonObject;
import com.slack.api.bolt.App;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import dev.dockerdoctor.model.StepId;
import dev.dockerdoctor.recovery.StepOutcome;
import dev.dockerdoctor.recovery.StepRunner;
import dev.dockerdoctor.slack.message.ButtonRef;
import dev.dockerdoctor.testing.standin.SlackPayloads;
import dev.dockerdoctor.testing.standin.SlackSigner;
import dev.dockerdoctor.testing.standin.SlackStandIn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 20, item 9: one restart-container click replayed after a bot restart ran twice. Not any more. */
class ReplayAfterRestartTest {
    private static final String SECRET = "replay-secret";
    @TempDir
    Path state;

    private final List<String> ran = new CopyOnWriteArrayList<>();
    private final InMemoryReportStore store = new InMemoryReportStore(4);

    private SlackBot bot() {
        return new SlackBot(since -> TestDiagnoses.incident(), store, new SlackBot.Options("build-01", Set.of("U0ALICE"),
                Clock.systemUTC(), ZoneOffset.UTC, 1, 4, null, state), new StepRunner() {
            @Override
            public boolean mayRun(String user) {
                return true;
            }

            @Override
            public StepOutcome run(String stepId, String user, String reference, Consumer<String> progress) {
                ran.add(stepId);
                return new StepOutcome(StepOutcome.Status.DONE, stepId, user, "ran", List.of(), null);
            }
        });
    }

    @Test
    void aClickReplayedAfterARestartIsARepeat() throws Exception {
        StoredReport report = store.save(TestDiagnoses.incident());
        String step = report.diagnosis().plan().get(0).id();
        try (SlackStandIn slack = new SlackStandIn()) {
            JsonObject json = SlackPayloads.blockActionJson(StepId.actionId(step), new ButtonRef(report.id(), step).encode(),
                    "U0ALICE", slack.responseUrl("click"));
            String body = "payload=" + URLEncoder.encode(json.toString(), StandardCharsets.UTF_8);
            long ts = System.currentTimeMillis() / 1000;
            RequestHeaders headers = new RequestHeaders(Map.of("content-type", List.of("application/x-www-form-urlencoded"),
                    "x-slack-request-timestamp", List.of(Long.toString(ts)),
                    "x-slack-signature", List.of(SlackSigner.sign(SECRET, ts, body))));

            try (SlackBot first = bot()) {
                App app = first.app(SlackBot.appConfig(SlackBot.slack(slack.apiUrl()), "xoxb-replay", SECRET));
                app.run(new BlockActionRequest(body, json.toString(), headers));
                assertThat(first.drain(Duration.ofSeconds(10))).isTrue();
            }
            assertThat(ran).containsExactly(step);

            try (SlackBot restarted = bot()) {
                App app = restarted.app(SlackBot.appConfig(SlackBot.slack(slack.apiUrl()), "xoxb-replay", SECRET));
                assertThat(app.run(new BlockActionRequest(body, json.toString(), headers)).getStatusCode()).isEqualTo(200);
                assertThat(restarted.drain(Duration.ofSeconds(10))).isTrue();
            }
            assertThat(ran).as("the same signed click, within five minutes, after a restart").containsExactly(step);
        }
    }
}
