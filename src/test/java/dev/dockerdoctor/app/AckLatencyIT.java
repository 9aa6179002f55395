package dev.dockerdoctor.app;

import dev.dockerdoctor.slack.InMemoryReportStore;
import dev.dockerdoctor.testing.NoSteps;
import dev.dockerdoctor.slack.SlackBot;
import dev.dockerdoctor.slack.TestDiagnoses;
import dev.dockerdoctor.testing.standin.AckLatency;
import dev.dockerdoctor.testing.standin.SignedClient;
import dev.dockerdoctor.testing.standin.SlackStandIn;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ack-latency benchmark with a stand-in diagnosis (50 ms each), so the number says what the Slack path costs.
 * {@code DriftedDaemonSlackIT} measures the same against a real daemon. Slack allows 3 s; the aim is p99 under
 * 100 ms. The assertion is looser (1 s) because a loaded 2-core CI box must not fail it on noise.
 */
class AckLatencyIT {
    static final int N = Integer.getInteger("bench.requests", 200);

    @Test
    void ackLatencyOverManySignedRequests() throws Exception {
        try (SlackStandIn slack = new SlackStandIn()) {
            Settings s = Settings.fromEnv(Map.of(Env.SLACK_BOT_TOKEN, "xoxb-bench", Env.SLACK_SIGNING_SECRET, "bench-secret",
                    Env.SLACK_API_URL, slack.apiUrl()));
            RecordingSource source = new RecordingSource(TestDiagnoses::incident, Duration.ofMillis(50));
            try (BotServer server = BotServer.start(s, source, new SlackBot.Options("bench", s.admins(),
                    Clock.systemUTC(), ZoneOffset.UTC, Integer.getInteger("bench.workers", 2), N + 16), 0, new NoSteps(),
                    new InMemoryReportStore(BotServer.REPORTS))) {
                AckLatency.Result r = AckLatency.measure(new SignedClient(server.port(), "bench-secret"), slack, N, 20,
                        Integer.getInteger("bench.outstanding", Integer.MAX_VALUE), Duration.ofSeconds(60));
                System.out.println("[bench, stand-in diagnosis] " + r.line());
                assertThat(r.ok()).isEqualTo(N);
                assertThat(r.reports()).isEqualTo(N);
                assertThat(r.p99()).isLessThan(1000);
            }
        }
    }
}
