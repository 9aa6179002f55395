package dev.dockerdoctor.slack;

import com.slack.api.Slack;
import com.slack.api.bolt.App;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import dev.dockerdoctor.slack.message.ButtonRef;
import dev.dockerdoctor.slack.message.ReportViews;
import dev.dockerdoctor.testing.NoSteps;
import dev.dockerdoctor.testing.standin.SlackPayloads;
import dev.dockerdoctor.testing.standin.SlackSigner;
import dev.dockerdoctor.testing.standin.SlackStandIn;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Issue 20, item 9: a slow Slack must not hold the workers, and a full queue still answers a click. */
class OverloadTest {
    private static final String SECRET = "overload-secret";

    @Test
    void aResponseUrlThatTricklesIsCutAtTheOutboundDeadline() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
            Thread trickler = new Thread(() -> {
                try (Socket s = server.accept()) {
                    InputStream in = s.getInputStream();
                    byte[] buf = new byte[8192];
                    in.read(buf); // the request
                    OutputStream out = s.getOutputStream();
                    out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 300\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    for (int i = 0; i < 300; i++) {
                        out.write('o');
                        out.flush();
                        Thread.sleep(300); // 90 s for the whole answer
                    }
                } catch (IOException | InterruptedException e) {
                    // the client gave up: that is the point
                }
            }, "trickler");
            trickler.setDaemon(true);
            trickler.start();
            Slack slack = SlackBot.slack("http://127.0.0.1:1/api/");
            String url = "http://127.0.0.1:" + server.getLocalPort() + "/response/slow";
            long t0 = System.nanoTime();
            assertTimeoutPreemptively(Duration.ofSeconds(40), () ->
                    assertThatThrownBy(() -> slack.send(url, "{\"text\":\"hi\"}")).isInstanceOf(IOException.class));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf("trickling response_url: given up after %d ms (deadline %d ms)%n", ms,
                    SlackBot.OUTBOUND_DEADLINE.toMillis());
            assertThat(ms).isLessThan(SlackBot.OUTBOUND_DEADLINE.toMillis() + 5_000);
            trickler.interrupt();
        }
    }

    @Test
    void aClickTheWorkersCannotTakeIsToldTheBotIsBusy() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (SlackStandIn slack = new SlackStandIn();
             SlackBot bot = new SlackBot(since -> {
                 try {
                     release.await(20, TimeUnit.SECONDS);
                 } catch (InterruptedException e) {
                     Thread.currentThread().interrupt();
                 }
                 return TestDiagnoses.incident();
             }, new InMemoryReportStore(4), new SlackBot.Options("build-01", Set.of(), Clock.systemUTC(),
                     ZoneOffset.UTC, 1, 1), new NoSteps())) {
            App app = bot.app(SlackBot.appConfig(SlackBot.slack(slack.apiUrl()), "xoxb-overload", SECRET));
            for (int i = 0; i < 2; i++) { // one on the worker, one in the queue
                String body = SlackPayloads.slashCommand("", "U0BOB", slack.responseUrl("report-" + i));
                app.run(new SlashCommandRequest(body, signed(body)));
            }
            String value = ButtonRef.ofReport("r-1").encode();
            String json = SlackPayloads.blockActionJson(ReportViews.UI_REFRESH, value, "U0BOB", slack.responseUrl("click")).toString();
            String body = "payload=" + java.net.URLEncoder.encode(json, StandardCharsets.UTF_8);
            assertThat(app.run(new BlockActionRequest(body, json, signed(body))).getStatusCode()).isEqualTo(200);

            assertThat(slack.awaitPath("/response/click", Duration.ofSeconds(10))).as("the click is answered")
                    .hasValueSatisfying(r -> assertThat(r.body()).contains("busy"));
            release.countDown();
        }
    }

    private static RequestHeaders signed(String body) {
        long ts = System.currentTimeMillis() / 1000;
        return new RequestHeaders(Map.of("content-type", List.of("application/x-www-form-urlencoded"),
                "x-slack-request-timestamp", List.of(Long.toString(ts)),
                "x-slack-signature", List.of(SlackSigner.sign(SECRET, ts, body))));
    }
}
