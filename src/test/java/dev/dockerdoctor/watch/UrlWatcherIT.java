package dev.dockerdoctor.watch;

import dev.dockerdoctor.testing.FlakyService;
import dev.dockerdoctor.testing.SilentTcpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/** The URL probe and watcher against real sockets on 127.0.0.1: answers, a closed port, a silent server. */
class UrlWatcherIT {
    private static final Duration TIMEOUT = Duration.ofMillis(500);

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final UrlProbe probe = new UrlProbe(TIMEOUT, executor);
    private final FlakyService gitlab = FlakyService.start();

    @AfterEach
    void stop() {
        gitlab.close();
        executor.shutdownNow();
    }

    private UrlCheck check(URI uri) {
        return probe.check("gitlab", uri).join();
    }

    @ParameterizedTest
    @CsvSource({
            "200, UP, gitlab answered 200",
            "204, UP, gitlab answered 204",
            "302, UP, gitlab answered 302",
            "404, HTTP_404, gitlab answered 404",
            "500, HTTP_5XX, gitlab answered 500",
            "502, HTTP_5XX, gitlab answered 502",
            "503, HTTP_5XX, gitlab answered 503",
            "403, HTTP_STATUS, gitlab answered 403"})
    void anAnswerIsClassedByItsStatusAndRedirectsAreNotFollowed(int status, UrlCheck.Result result, String detail) {
        gitlab.answer(status);
        UrlCheck c = check(gitlab.uri());
        assertThat(c.result()).isEqualTo(result);
        assertThat(c.status()).isEqualTo(status);
        assertThat(c.detail()).isEqualTo(detail);
        assertThat(gitlab.requests()).as("one request, no redirect followed").isEqualTo(1);
    }

    @Test
    void aClosedPortIsConnectionRefused() {
        UrlCheck c = check(URI.create("http://127.0.0.1:" + SilentTcpServer.closedPort() + "/"));
        assertThat(c.result()).isEqualTo(UrlCheck.Result.REFUSED);
        assertThat(c.detail()).isEqualTo("gitlab: connection refused");
        assertThat(c.took()).isLessThan(TIMEOUT);
    }

    @Test
    void aServerThatAcceptsAndNeverAnswersTimesOutAfterTheTimeout() throws Exception {
        try (SilentTcpServer silent = new SilentTcpServer()) {
            UrlCheck c = check(URI.create("http://127.0.0.1:" + silent.port() + "/"));
            System.out.printf("hanging server: timed out after %d ms (timeout %d ms)%n", c.took().toMillis(), TIMEOUT.toMillis());
            assertThat(c.result()).isEqualTo(UrlCheck.Result.TIMEOUT);
            assertThat(c.detail()).isEqualTo("gitlab timed out after 500 ms");
            assertThat(c.took()).isBetween(TIMEOUT.minusMillis(50), TIMEOUT.plusMillis(1000));
            assertThat(silent.accepted()).isEqualTo(1);
        }
    }

    @Test
    void anHttpsUrlAnsweredInPlainHttpIsATlsFailure() throws Exception {
        byte[] plain = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        try (SilentTcpServer http = new SilentTcpServer(plain)) {
            UrlCheck c = check(URI.create("https://127.0.0.1:" + http.port() + "/"));
            assertThat(c.result()).isEqualTo(UrlCheck.Result.TLS);
            assertThat(c.detail()).startsWith("gitlab: TLS failed (");
        }
    }

    @Test
    void aNameThatDoesNotResolveIsDns() {
        UrlCheck c = check(URI.create("http://gitlab.doctor-test.invalid/"));
        // .invalid never resolves (RFC 6761); where no resolver answers in time the lookup is a timeout instead
        assertThat(c.result()).isIn(UrlCheck.Result.DNS, UrlCheck.Result.TIMEOUT);
        if (c.result() == UrlCheck.Result.DNS) {
            assertThat(c.detail()).isEqualTo("gitlab: host gitlab.doctor-test.invalid not found (DNS)");
        }
    }

    @Test
    void oneWatcherPollAsksEveryUrlAtOnceAndConfirmsAfterTwoFailures() throws Exception {
        try (SilentTcpServer silent = new SilentTcpServer()) {
            Map<String, URI> urls = new LinkedHashMap<>();
            urls.put("gitlab", gitlab.uri());
            urls.put("wiki", URI.create("http://127.0.0.1:" + silent.port() + "/"));
            urls.put("ci", URI.create("http://127.0.0.1:" + SilentTcpServer.closedPort() + "/"));
            UrlWatcher w = new UrlWatcher(urls, probe, Clock.systemUTC(), 2, 2);

            long t0 = System.nanoTime();
            Reading first = w.poll();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(ms).as("three URLs, one hanging: one timeout, not three").isLessThan(TIMEOUT.toMillis() + 400);
            assertThat(first.problems()).isEmpty();
            assertThat(first.healthy()).extracting(SignalKey::subject).containsExactly("gitlab");

            Reading second = w.poll();
            assertThat(second.problems()).extracting(Signal::detail)
                    .containsExactly("wiki timed out after 500 ms", "ci: connection refused");
            assertThat(w.lastChecks()).extracting(UrlCheck::result)
                    .containsExactly(UrlCheck.Result.UP, UrlCheck.Result.TIMEOUT, UrlCheck.Result.REFUSED);
        }
    }
}
