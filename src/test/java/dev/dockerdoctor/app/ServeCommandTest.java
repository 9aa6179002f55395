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
    void remindAndOncallAreReadOrRefusedByName() {
        Settings s = Settings.fromEnv(Map.of(Env.DOCTOR_REMIND, "30m", Env.DOCTOR_ONCALL, "U0ONCALL, S0OPS"));
        assertThat(s.remind()).isEqualTo(java.time.Duration.ofMinutes(30));
        assertThat(s.oncall()).containsExactly("U0ONCALL", "S0OPS");
        assertThat(Settings.fromEnv(Map.of()).remind()).as("off by default").isNull();
        assertThat(Settings.fromEnv(Map.of(Env.DOCTOR_REMIND, "off")).remind()).isNull();
        for (String bad : new String[]{"soon", "10s", "30 m"}) {
            Run r = run(Map.of(Env.SLACK_BOT_TOKEN, "xoxb-1", Env.SLACK_SIGNING_SECRET, "s", Env.DOCTOR_REMIND, bad), "serve");
            assertThat(r.status()).isEqualTo(2);
            assertThat(r.err()).contains("DOCTOR_REMIND");
        }
        Run r = run(Map.of(Env.SLACK_BOT_TOKEN, "xoxb-1", Env.SLACK_SIGNING_SECRET, "s", Env.DOCTOR_ONCALL, "@alice"), "serve");
        assertThat(r.err()).contains("DOCTOR_ONCALL", "@alice");
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
