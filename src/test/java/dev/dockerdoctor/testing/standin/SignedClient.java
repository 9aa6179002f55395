package dev.dockerdoctor.testing.standin;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/** Sends requests to the bot's /slack/events as Slack would: form body, signature and timestamp headers. */
public final class SignedClient {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI events;
    private final String secret;

    /** The answer and how long it took (from send to the whole response read). */
    public record Answer(int status, String body, long nanos) {
        public double millis() {
            return nanos / 1e6;
        }
    }

    public SignedClient(int port, String secret) {
        this("127.0.0.1", port, secret);
    }

    public SignedClient(String host, int port, String secret) {
        this.events = URI.create("http://" + host + ":" + port + "/slack/events");
        this.secret = secret;
    }

    public Answer post(String body) throws Exception {
        long ts = Instant.now().getEpochSecond();
        return post(body, ts, SlackSigner.sign(secret, ts, body), null);
    }

    /** An Events API callback, JSON as Slack sends it, signed. */
    public Answer postEvent(String json) throws Exception {
        long ts = Instant.now().getEpochSecond();
        return post(json, ts, SlackSigner.sign(secret, ts, json), null, "application/json");
    }

    public Answer post(String body, long timestamp, String signature, Integer retryNum) throws Exception {
        return post(body, timestamp, signature, retryNum, "application/x-www-form-urlencoded");
    }

    private Answer post(String body, long timestamp, String signature, Integer retryNum, String type) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(events).timeout(Duration.ofSeconds(10))
                .header("Content-Type", type)
                .header("X-Slack-Request-Timestamp", Long.toString(timestamp))
                .header("X-Slack-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (retryNum != null) {
            b.header("X-Slack-Retry-Num", retryNum.toString()).header("X-Slack-Retry-Reason", "http_timeout");
        }
        long t0 = System.nanoTime();
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body(), System.nanoTime() - t0);
    }

    /** A retry as Slack sends it: the same body, signed again with a new timestamp, with X-Slack-Retry-Num. */
    public Answer retry(String body, int retryNum) throws Exception {
        long ts = Instant.now().getEpochSecond();
        return post(body, ts, SlackSigner.sign(secret, ts, body), retryNum);
    }
}
