package dev.dockerdoctor.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dockerdoctor.app.Main;
import dev.dockerdoctor.testing.ScriptedUnixDaemon;
import dev.dockerdoctor.testing.SilentTcpServer;
import dev.dockerdoctor.testing.standin.SlackStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code check} in process, against the Slack stand-in and a scripted Docker daemon: a good setup is all ok and exits
 * 0; each thing a new install gets wrong is named, with what to do, and exits 1. No token is ever printed.
 */
class CheckCommandTest {
    static final String BOT_TOKEN = "xoxb-1111-2222-checktoken";
    static final String SECRET = "0123456789abcdef0123456789abcdef";

    static SlackStandIn slack;
    static ScriptedUnixDaemon docker;
    static Path sockets;

    @TempDir
    Path tmp;
    Path host;
    Path state;

    @BeforeAll
    static void start() throws Exception {
        slack = new SlackStandIn();
        sockets = Files.createTempDirectory("check-docker");
        docker = new ScriptedUnixDaemon(sockets.resolve("d.sock"))
                .answer("/_ping", 200, "OK")
                .answer("/info", 200, "{\"ServerVersion\":\"28.5.1\",\"DockerRootDir\":\"/srv/docker\",\"Driver\":\"overlay2\","
                        + "\"Containers\":3,\"ContainersRunning\":3,\"Images\":5}")
                .answer("/containers/json", 200, "[]")
                .answer("/version", 200, "{\"Version\":\"28.5.1\",\"ApiVersion\":\"1.51\",\"MinAPIVersion\":\"1.24\"}");
    }

    @AfterAll
    static void stop() throws Exception {
        slack.close();
        docker.close();
    }

    @BeforeEach
    void aHost() throws Exception {
        host = tmp.resolve("host");
        Files.createDirectories(host.resolve("etc/docker"));
        Files.writeString(host.resolve("etc/docker/daemon.json"), "{\"data-root\": \"/srv/docker\"}");
        Files.createDirectories(host.resolve("var/log"));
        Files.writeString(host.resolve("var/log/syslog"), "");
        state = tmp.resolve("state");
        Files.createDirectories(state);
        slack.grantScopes("commands", "chat:write", "chat:write.public", "channels:history", "groups:history");
    }

    Map<String, String> goodEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("SLACK_BOT_TOKEN", BOT_TOKEN);
        env.put("SLACK_SIGNING_SECRET", SECRET);
        env.put("SLACK_API_URL", slack.apiUrl());
        env.put("DOCTOR_CHANNEL", "C0OPS");
        env.put("DOCTOR_ADMINS", "U0ADMIN");
        env.put("DOCTOR_STATE_DIR", state.toString());
        env.put("DOCTOR_HOST_ROOT", host.toString());
        env.put("DOCKER_HOST", docker.host());
        env.put("DOCTOR_WATCH", "gitlab=http://127.0.0.1:" + slack.port() + "/-/readiness");
        return env;
    }

    record Run(int status, String out) {
        JsonNode json() throws Exception { return new ObjectMapper().readTree(out); }

        Map<String, String> statuses() throws Exception {
            Map<String, String> m = new java.util.LinkedHashMap<>();
            json().get("checks").forEach(c -> m.put(c.get("name").asText(), c.get("status").asText()));
            return m;
        }

        JsonNode named(String name) throws Exception {
            for (JsonNode c : json().get("checks")) if (c.get("name").asText().equals(name)) return c;
            throw new AssertionError("no check " + name + " in " + out);
        }
    }

    static Run check(Map<String, String> env, String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int status;
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            String[] argv = new String[args.length + 1];
            argv[0] = "check";
            System.arraycopy(args, 0, argv, 1, args.length);
            status = Main.run(argv, env, Clock.systemUTC());
        } finally {
            System.setOut(old);
        }
        return new Run(status, buf.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aGoodSetupIsAllOkAndExitsZero() throws Exception {
        Run r = check(goodEnv(), "--json");
        assertThat(r.status()).as(r.out()).isZero();
        assertThat(r.json().get("schemaVersion").asInt()).isEqualTo(CheckReport.SCHEMA_VERSION);
        assertThat(r.json().get("ok").asBoolean()).isTrue();
        assertThat(r.statuses()).as(r.out()).containsOnlyKeys("settings", "slack-mode", "bot-token", "signing-secret", "admins",
                "slack-auth", "slack-scopes", "channel", "docker", "state-dir", "host-root", "logs", "watch:gitlab");
        assertThat(r.statuses().values()).as(r.out()).containsOnly("ok");
        assertThat(r.named("slack-auth").get("seen").asText()).contains("Doctor Test (T0TEAM)").contains("(U0BOT)");
        assertThat(r.named("docker").get("seen").asText()).contains("Docker 28.5.1").contains("API 1.51").contains("/srv/docker");
        assertThat(r.out()).doesNotContain(BOT_TOKEN).doesNotContain(SECRET);
        assertThat(Files.list(state)).as("the write test leaves nothing behind").isEmpty();

        Run text = check(goodEnv());
        assertThat(text.status()).isZero();
        assertThat(text.out()).contains("ok    docker").endsWith("All well.\n");
    }

    @Test
    void tokensOfTheWrongKindOrQuotedAreNamedWithoutPrintingThem() throws Exception {
        Map<String, String> env = goodEnv();
        env.put("SLACK_BOT_TOKEN", "xoxp-9999-user-token");
        env.put("SLACK_SIGNING_SECRET", "\"" + SECRET + "\"");
        Run r = check(env, "--json");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.named("bot-token").get("status").asText()).isEqualTo("fail");
        assertThat(r.named("bot-token").get("seen").asText()).contains("a user token (xoxp-)");
        assertThat(r.named("slack-auth").get("status").asText()).isEqualTo("skip");
        assertThat(r.named("signing-secret").get("seen").asText()).contains("wrapped in quotes");
        assertThat(r.out()).doesNotContain("9999-user-token").doesNotContain(SECRET);
    }

    @Test
    void aRefusedTokenAMissingScopeAndAChannelTheBotIsNotInFail() throws Exception {
        Map<String, String> env = goodEnv();
        slack.grantScopes("commands", "channels:history");
        env.put("DOCTOR_CHANNEL", "C0NOTIN");
        slack.channelError("C0NOTIN", "not_in_channel");
        Run r = check(env, "--json");
        assertThat(r.status()).isEqualTo(1);
        JsonNode scopes = r.named("slack-scopes");
        assertThat(scopes.get("status").asText()).isEqualTo("fail");
        assertThat(scopes.get("seen").asText()).contains("chat:write (incident threads").contains("groups:history")
                .doesNotContain("channels:history");
        assertThat(scopes.get("todo").asText()).contains("reinstall the app");
        JsonNode channel = r.named("channel");
        assertThat(channel.get("status").asText()).isEqualTo("fail");
        assertThat(channel.get("todo").asText()).contains("/invite @docker-doctor");

        // with chat:write.public a public channel it is not in is fine
        slack.grantScopes("commands", "chat:write", "chat:write.public", "channels:history", "groups:history");
        assertThat(check(env, "--json").named("channel").get("status").asText()).isEqualTo("ok");

        env.put("DOCTOR_CHANNEL", "C0GONE");
        slack.channelError("C0GONE", "channel_not_found");
        assertThat(check(env, "--json").named("channel").get("seen").asText()).contains("no channel with this id");

        env.put("DOCTOR_CHANNEL", "#ops");
        assertThat(check(env, "--json").named("channel").get("seen").asText()).contains("not a channel id");

        String refused = "xoxb-refused-by-slack";
        slack.refuseToken(refused);
        env.put("SLACK_BOT_TOKEN", refused);
        JsonNode auth = check(env, "--json").named("slack-auth");
        assertThat(auth.get("status").asText()).isEqualTo("fail");
        assertThat(auth.get("seen").asText()).isEqualTo("Slack refused the bot token: invalid_auth");
    }

    @Test
    void socketModeAsksSlackWhetherTheAppTokenWorks() throws Exception {
        Map<String, String> env = goodEnv();
        env.remove("SLACK_SIGNING_SECRET");
        env.put("SLACK_APP_TOKEN", "xapp-1-good");
        Run good = check(env, "--json");
        assertThat(good.status()).as(good.out()).isZero();
        assertThat(good.named("app-token-auth").get("status").asText()).isEqualTo("ok");
        assertThat(good.named("signing-secret").get("seen").asText()).contains("not needed in Socket Mode");

        slack.refuseToken("xapp-1-revoked");
        env.put("SLACK_APP_TOKEN", "xapp-1-revoked");
        Run bad = check(env, "--json");
        assertThat(bad.status()).isEqualTo(1);
        assertThat(bad.named("app-token-auth").get("seen").asText()).contains("invalid_auth");
        assertThat(bad.out()).doesNotContain("xapp-1-revoked");
    }

    @Test
    void theHostSideNamesEachWrongThing() throws Exception {
        Map<String, String> env = goodEnv();
        env.put("DOCKER_HOST", "unix://" + tmp.resolve("no-such.sock"));
        Path notAFolder = tmp.resolve("state-file");
        Files.writeString(notAFolder, "x");
        env.put("DOCTOR_STATE_DIR", notAFolder.toString());
        env.put("DOCTOR_HOST_ROOT", tmp.resolve("not-mounted").toString());
        env.put("DOCTOR_WATCH", "gitlab=http://127.0.0.1:" + SilentTcpServer.closedPort() + "/");
        Run r = check(env, "--json");
        assertThat(r.status()).isEqualTo(1);
        Map<String, String> s = r.statuses();
        assertThat(s).containsEntry("docker", "fail").containsEntry("state-dir", "fail").containsEntry("host-root", "fail")
                .containsEntry("logs", "skip").containsEntry("watch:gitlab", "fail");
        assertThat(r.named("docker").get("todo").asText()).contains("systemctl status docker");
        assertThat(r.named("state-dir").get("seen").asText()).contains("is not a folder");
        assertThat(r.named("host-root").get("todo").asText()).contains("-v /:" + tmp.resolve("not-mounted") + ":ro,rslave");
        assertThat(r.named("watch:gitlab").get("seen").asText()).contains("connection refused");
        assertThat(Files.readString(notAFolder)).isEqualTo("x");
    }

    @Test
    void aJournalOnlyHostNeedsJournalctlHere() throws Exception {
        Files.delete(host.resolve("var/log/syslog"));
        Files.createDirectories(host.resolve("var/log/journal"));
        assertThat(HostSetup.logs(host, true).status()).isEqualTo(SetupCheck.Status.OK);
        SetupCheck missing = HostSetup.logs(host, false);
        assertThat(missing.status()).isEqualTo(SetupCheck.Status.FAIL);
        assertThat(missing.seen()).contains("journalctl is not installed");
        Files.delete(host.resolve("var/log/journal"));
        assertThat(HostSetup.logs(host, true).status()).isEqualTo(SetupCheck.Status.WARN);
    }

    @Test
    void aMalformedSettingIsAFailedLineNotACrash() throws Exception {
        Map<String, String> env = goodEnv();
        env.put("DOCTOR_WATCH", "gitlab");
        Run r = check(env, "--json");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.named("settings").get("seen").asText()).contains("DOCTOR_WATCH must look like name=url");
        assertThat(check(env, "--no-such-flag").status()).isEqualTo(Main.COULD_NOT_RUN);
    }

    @Test
    void adminsThatAreNotUserIdsAndAnEmptyListAreSaid() {
        assertThat(SlackSetup.admins(java.util.Set.of("U0ADMIN", "@alice")).seen()).contains("@alice, which is not a user id");
        assertThat(SlackSetup.admins(java.util.Set.of()).status()).isEqualTo(SetupCheck.Status.WARN);
        assertThat(SlackSetup.scopesHeader(Map.of("X-OAuth-Scopes", List.of("commands, chat:write"))))
                .hasValueSatisfying(v -> assertThat(v).containsExactly("commands", "chat:write"));
        assertThat(SlackSetup.scopesHeader(Map.of())).isEmpty();
        String text = CheckReport.text(List.of(SetupCheck.ok("a", "fine"), SetupCheck.fail("bbb", "broken", "mend it"),
                SetupCheck.warn("c", "hm", "maybe")));
        assertThat(text.lines().collect(Collectors.toList())).containsExactly(
                "ok    a    fine", "fail  bbb  broken -> mend it", "warn  c    hm -> maybe", "1 thing to fix, 1 warning.");
    }
}
