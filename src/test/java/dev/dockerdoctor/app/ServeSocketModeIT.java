package dev.dockerdoctor.app;

import dev.dockerdoctor.slack.InMemoryReportStore;
import dev.dockerdoctor.testing.NoSteps;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.dockerdoctor.slack.SlackBot;
import dev.dockerdoctor.slack.TestDiagnoses;
import dev.dockerdoctor.testing.standin.SlackPayloads;
import dev.dockerdoctor.testing.standin.SlackStandIn;
import dev.dockerdoctor.testing.standin.SocketModeStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * serve in Socket Mode: apps.connections.open (answered by the stand-in) points the app at a local WebSocket
 * server, which sends a slash command envelope; the app acks the envelope and reports on the response_url.
 */
class ServeSocketModeIT {
    static final Duration WAIT = Duration.ofSeconds(10);

    SlackStandIn slack;
    SocketModeStandIn socket;
    BotServer server;
    RecordingSource source;

    @BeforeEach
    void start() throws Exception {
        slack = new SlackStandIn();
        socket = new SocketModeStandIn();
        slack.socketModeUrl(socket.url());
        Settings s = Settings.fromEnv(Map.of(Env.SLACK_BOT_TOKEN, "xoxb-test-token", Env.SLACK_APP_TOKEN, "xapp-1-A0APP-test",
                Env.SLACK_API_URL, slack.apiUrl()));
        s.requireForServe();
        source = new RecordingSource(TestDiagnoses::incident, Duration.ofMillis(200));
        server = BotServer.start(s, source, new SlackBot.Options("build-01", s.admins(), Clock.systemUTC(),
                ZoneOffset.UTC, 2, 64), 0, new NoSteps(), new InMemoryReportStore(BotServer.REPORTS));
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) server.close();
        if (socket != null) socket.close();
        if (slack != null) slack.close();
    }

    static String envelope(String id, JsonObject payload, Integer retry) {
        JsonObject e = new JsonObject();
        e.addProperty("envelope_id", id);
        e.addProperty("type", "slash_commands");
        e.addProperty("accepts_response_payload", true);
        e.add("payload", payload);
        if (retry != null) {
            e.addProperty("retry_attempt", retry);
            e.addProperty("retry_reason", "timeout");
        }
        return e.toString();
    }

    @Test
    void slashCommandEnvelopeIsAckedAndTheReportLandsOnTheResponseUrl() throws Exception {
        assertThat(socket.awaitApp(WAIT)).as("the app connected to the URL apps.connections.open gave").isTrue();
        assertThat(slack.requestsTo("/api/apps.connections.open")).isNotEmpty();
        JsonObject payload = SlackPayloads.slashCommandJson("", "U0ALICE", slack.responseUrl("sm"));
        long t0 = System.nanoTime();
        socket.send(envelope("env-1", payload, null));
        String ack = socket.await(m -> m.contains("env-1"), WAIT).orElseThrow();
        double ackMs = (System.nanoTime() - t0) / 1e6;
        assertThat(JsonParser.parseString(ack).getAsJsonObject().get("envelope_id").getAsString()).isEqualTo("env-1");
        assertThat(ackMs).as("ack time").isLessThan(1000);
        String report = slack.awaitPath("/response/sm", WAIT).orElseThrow().body();
        assertThat(report).contains("restore-data-root").contains("/srv/docker");
        assertThat(source.calls).hasSize(1);

        // Slack redelivers the same envelope with retry_attempt: acked again, not run again
        socket.send(envelope("env-1b", payload, 1));
        socket.await(m -> m.contains("env-1b"), WAIT).orElseThrow();
        Thread.sleep(600);
        assertThat(slack.requestsTo("/response/sm")).hasSize(1);
        assertThat(source.calls).hasSize(1);
    }

    @Test
    void healthzIsServedOverHttpButSlackEventsAreNot() throws Exception {
        assertThat(socket.awaitApp(WAIT)).isTrue();
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        JsonObject h = JsonParser.parseString(health.body()).getAsJsonObject();
        assertThat(h.get("mode").getAsString()).isEqualTo("socket");
        assertThat(h.get("slack").getAsString()).isEqualTo("connected");
        HttpResponse<String> events = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/slack/events"))
                .POST(HttpRequest.BodyPublishers.ofString("x=1")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(events.statusCode()).as("no /slack/events in Socket Mode").isIn(404, 405);
        assertThat(source.calls).isEmpty();
    }
}
