package dev.dockerdoctor.app;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** serve and healthcheck through Main, as the jar runs them: settings problems stop start-up naming the setting. */
class ServeCommandTest {
    record Run(int status, String err) {
    }

    static Run run(Map<String, String> env, String... args) {
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int status = Main.run(args, env, Clock.systemUTC());
            return new Run(status, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(oldErr);
        }
    }

    @Test
    void serveWithoutABotTokenStopsNamingIt() {
        Run r = run(Map.of(), "serve");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("SLACK_BOT_TOKEN");
    }

    @Test
    void serveInHttpModeWithoutASigningSecretStopsNamingIt() {
        Run r = run(Map.of(Env.SLACK_BOT_TOKEN, "xoxb-1"), "serve");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("SLACK_SIGNING_SECRET");
    }

    @Test
    void serveWithAMalformedPortStopsNamingIt() {
        Run r = run(Map.of(Env.SLACK_BOT_TOKEN, "xoxb-1", Env.SLACK_SIGNING_SECRET, "s", Env.DOCTOR_PORT, "http"), "serve");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("DOCTOR_PORT");
    }

    @Test
    void healthcheckExitsOneWhenNoBotListens() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Run r = run(Map.of(Env.DOCTOR_PORT, Integer.toString(port)), "healthcheck");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("healthcheck: no answer from http://127.0.0.1:" + port + "/healthz");
    }
}
