package dev.dockerdoctor.app;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.dockerdoctor.model.Diagnosis;
import dev.dockerdoctor.slack.SlackBot;
import dev.dockerdoctor.slack.TestDiagnoses;
import dev.dockerdoctor.slack.message.ButtonRef;
import dev.dockerdoctor.slack.render.BlockKitLimits;
import dev.dockerdoctor.testing.NoSteps;
import dev.dockerdoctor.testing.standin.SignedClient;
import dev.dockerdoctor.testing.standin.SlackJson;
import dev.dockerdoctor.testing.standin.SlackPayloads;
import dev.dockerdoctor.testing.standin.SlackSigner;
import dev.dockerdoctor.testing.standin.SlackStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** serve in HTTP mode, end to end: signed requests in, Slack stand-in out. */
class ServeHttpIT {
    static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path hostRoot;
    SlackStandIn slack;
    BotServer server;
    RecordingSource source;
    SignedClient client;

    Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put(Env.SLACK_BOT_TOKEN, "xoxb-test-token");
        env.put(Env.SLACK_SIGNING_SECRET, SECRET);
        env.put(Env.SLACK_API_URL, slack.apiUrl());
        env.put(Env.DOCTOR_ADMINS, "U0ALICE");
        env.put(Env.DOCTOR_HOST_ROOT, hostRoot.toString());
        return env;
    }

    void start(Supplier<Diagnosis> answer, Duration delay) throws Exception {
        start(answer, delay, new NoSteps(), new dev.dockerdoctor.slack.InMemoryReportStore(500));
    }

    void start(Supplier<Diagnosis> answer, Duration delay, dev.dockerdoctor.recovery.StepRunner steps,
               dev.dockerdoctor.slack.ReportStore reports) throws Exception {
        Files.createDirectories(hostRoot.resolve("etc"));
        Files.writeString(hostRoot.resolve("etc/hostname"), "build-01\n");
        slack = new SlackStandIn();
        Settings s = Settings.fromEnv(env());
        s.requireForServe();
        source = new RecordingSource(answer, delay);
        server = BotServer.start(s, source, new SlackBot.Options(BotServer.hostName(s), s.admins(),
                Clock.systemUTC(), ZoneOffset.UTC, 2, 64), 0, steps, reports);
        client = new SignedClient(server.port(), SECRET);
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) server.close();  // drains the bot's work before the stand-in goes
        if (slack != null) slack.close();
    }

    static JsonObject json(SlackStandIn.Recorded r) {
        return JsonParser.parseString(r.body()).getAsJsonObject();
    }

    @Test
    void signedCommandIsAckedAtOnceAndTheReportLandsOnTheResponseUrl() throws Exception {
        start(TestDiagnoses::incident, Duration.ofMillis(1500));  // a slow host: the ack must not wait for it
        SignedClient.Answer a = client.post(SlackPayloads.slashCommand("", "U0ALICE", slack.responseUrl("r1")));
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.millis()).as("ack time").isLessThan(1000);
        SlackStandIn.Recorded r = slack.awaitPath("/response/r1", WAIT).orElseThrow();
        JsonObject report = json(r);
        assertThat(report.get("response_type").getAsString()).isEqualTo("ephemeral");
        assertThat(report.get("text").getAsString()).contains("Docker on build-01: 1 critical");
        assertThat(report.toString()).contains("/var/lib/docker").contains("/srv/docker").contains("\"action_id\":\"restore-data-root\"");
        assertThat(BlockKitLimits.violations(report)).isEmpty();
        assertThat(source.calls).hasSize(1);
        // the window is the default 24 h
        assertThat(Duration.between(source.calls.get(0), Instant.now()).toHours()).isEqualTo(24);
    }

    @Test
    void badSignatureGets401AndRunsNothing() throws Exception {
        start(TestDiagnoses::incident, Duration.ZERO);
        String body = SlackPayloads.slashCommand("", "U0ALICE", slack.responseUrl("forged"));
        long ts = Instant.now().getEpochSecond();
        SignedClient.Answer a = client.post(body, ts, SlackSigner.sign("not-the-secret", ts, body), null);
        assertThat(a.status()).isEqualTo(401);
        SignedClient.Answer tampered = client.post(body.replace("U0ALICE", "U0MALLORY"), ts, SlackSigner.sign(SECRET, ts, body), null);
        assertThat(tampered.status()).isEqualTo(401);
        assertThat(slack.awaitPath("/response/forged", Duration.ofMillis(700))).isEmpty();
        assertThat(source.calls).isEmpty();
    }

    @Test
    void aFutureTimestampIsAReplayToo() throws Exception {
        start(TestDiagnoses::incident, Duration.ZERO);
        String body = SlackPayloads.slashCommand("", "U0ALICE", slack.responseUrl("future"));
        for (Duration ahead : List.of(Duration.ofMinutes(6), Duration.ofDays(365))) {
            long ts = Instant.now().plus(ahead).getEpochSecond();
            assertThat(client.post(body, ts, SlackSigner.sign(SECRET, ts, body), null).status())
                    .as("signed %s ahead", ahead).isEqualTo(401);
        }
        assertThat(slack.awaitPath("/response/future", Duration.ofMillis(700))).isEmpty();
        assertThat(source.calls).isEmpty();
    }

    @Test
    void anUnsignedHugeBodyIsRefusedUnreadAndJunkIsNeverParsedOrLogged() throws Exception {
        start(TestDiagnoses::incident, Duration.ZERO);
        String huge = "x".repeat(10 << 20);
        SignedClient.Answer big = client.post(huge, Instant.now().getEpochSecond(), "v0=00", null);
        assertThat(big.status()).as("over Slack's own sizes").isEqualTo(413);

        String junk = "%%%\u0000" + "\u00ff".repeat(1000);
        SignedClient.Answer unsigned = client.post(junk, Instant.now().getEpochSecond(), "v0=deadbeef", null);
        assertThat(unsigned.status()).as("checked on the raw bytes before any parsing").isEqualTo(401);

        SignedClient.Answer signedJunk = client.post("payload=%7Bnot-json", Instant.now().getEpochSecond(),
                SlackSigner.sign(SECRET, Instant.now().getEpochSecond(), "payload=%7Bnot-json"), null);
        assertThat(signedJunk.status()).as("signed, but no Slack payload").isEqualTo(400);
        assertThat(source.calls).isEmpty();
        SignedClient.Answer fine = client.post(SlackPayloads.slashCommand("help", "U0ALICE", slack.responseUrl("after")));
        assertThat(fine.status()).as("and the bot keeps serving").isEqualTo(200);
    }

    @Test
    void sixteenHugeBodiesAtOnceCostNoMemoryAndTheBotServesOn() throws Exception {
        start(TestDiagnoses::incident, Duration.ZERO);
        byte[] tenMib = new byte[10 << 20];
        java.util.Arrays.fill(tenMib, (byte) 'x');
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        List<java.util.concurrent.CompletableFuture<Integer>> all = new java.util.ArrayList<>();
        for (int i = 0; i < 16; i++) {
            java.net.http.HttpRequest r = java.net.http.HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.port() + BotServer.EVENTS_PATH))
                    .timeout(Duration.ofSeconds(30))
                    .header("X-Slack-Request-Timestamp", Long.toString(Instant.now().getEpochSecond()))
                    .header("X-Slack-Signature", "v0=00")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(tenMib)).build();
            all.add(http.sendAsync(r, java.net.http.HttpResponse.BodyHandlers.discarding())
                    .thenApply(java.net.http.HttpResponse::statusCode).exceptionally(e -> -1));
        }
        List<Integer> statuses = new java.util.ArrayList<>();
        for (var f : all) statuses.add(f.get(60, java.util.concurrent.TimeUnit.SECONDS));
        assertThat(statuses).as("each refused, none parsed").containsOnly(413);
        java.net.http.HttpResponse<String> health = http.send(java.net.http.HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/healthz")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(client.post(SlackPayloads.slashCommand("help", "U0ALICE", slack.responseUrl("after-flood"))).status())
                .isEqualTo(200);
        assertThat(source.calls).isEmpty();
    }

    @Test
    void staleTimestampGets401AndRunsNothing() throws Exception {
        start(TestDiagnoses::incident, Duration.ZERO);
        String body = SlackPayloads.slashCommand("", "U0ALICE", slack.responseUrl("stale"));
        long old = Instant.now().minus(Duration.ofMinutes(6)).getEpochSecond();
        SignedClient.Answer a = client.post(body, old, SlackSigner.sign(SECRET, old, body), null);
        assertThat(a.status()).isEqualTo(401);
        assertThat(slack.awaitPath("/response/stale", Duration.ofMillis(700))).isEmpty();
        assertThat(source.calls).isEmpty();
    }

    @Test
    void slackRetryOfTheSameCommandDoesNotRunTwice() throws Exception {
        start(TestDiagnoses::incident, Duration.ofMillis(300));
        String body = SlackPayloads.slashCommand("", "U0ALICE", slack.responseUrl("once"));
        assertThat(client.post(body).status()).isEqualTo(200);
        assertThat(client.retry(body, 1).status()).isEqualTo(200);
        assertThat(client.retry(body, 2).status()).isEqualTo(200);
        slack.awaitPath("/response/once", WAIT).orElseThrow();
        Thread.sleep(800);
        assertThat(slack.requestsTo("/response/once")).hasSize(1);
        assertThat(source.calls).hasSize(1);
    }

    @Test
    void requestsDuringADiagnosisShareItAndEachGetsItsOwnAnswer() throws Exception {
        start(TestDiagnoses::incident, Duration.ofMillis(800));
        assertThat(client.post(SlackPayloads.slashCommand("", "U0ALICE", slack.responseUrl("a"))).status()).isEqualTo(200);
        Thread.sleep(100);
        assertThat(client.post(SlackPayloads.slashCommand("plan", "U0BOB", slack.responseUrl("b"))).status()).isEqualTo(200);
        assertThat(json(slack.awaitPath("/response/a", WAIT).orElseThrow()).toString()).contains("1 critical");
        assertThat(json(slack.awaitPath("/response/b", WAIT).orElseThrow()).toString()).contains("Plan for build-01");
        assertThat(source.calls).hasSize(1);
        client.post(SlackPayloads.slashCommand("", "U0ALICE", slack.responseUrl("c")));
        slack.awaitPath("/response/c", WAIT).orElseThrow();
        assertThat(source.calls).as("a later request looks again").hasSize(2);
    }

    @Test
    void shareAcksInChannelAndPostsTheReportForEveryone() throws Exception {
        start(TestDiagnoses::incident, Duration.ZERO);
        SignedClient.Answer a = client.post(SlackPayloads.slashCommand("share", "U0ALICE", slack.responseUrl("share")));
        assertThat(a.status()).isEqualTo(200);
        assertThat(JsonParser.parseString(a.body()).getAsJsonObject().get("response_type").getAsString()).isEqualTo("in_channel");
        JsonObject posted = json(slack.awaitPath("/response/share", WAIT).orElseThrow());
        assertThat(posted.get("response_type").getAsString()).isEqualTo("in_channel");
        assertThat(posted.toString()).contains("Shared by <@U0ALICE>");
    }

    @Test
    void helpIsAnsweredInTheAckWithoutADiagnosis() throws Exception {
        start(TestDiagnoses::incident, Duration.ZERO);
        SignedClient.Answer a = client.post(SlackPayloads.slashCommand("help", "U0ALICE", slack.responseUrl("help")));
        assertThat(a.status()).isEqualTo(200);
        JsonObject ack = JsonParser.parseString(a.body()).getAsJsonObject();
        assertThat(ack.get("response_type").getAsString()).isEqualTo("ephemeral");
        assertThat(ack.toString()).contains("/docker-status logs [window]");
        SignedClient.Answer typo = client.post(SlackPayloads.slashCommand("logs yesterday-ish", "U0ALICE", slack.responseUrl("typo")));
        assertThat(typo.body()).contains("is none of those");
        assertThat(source.calls).isEmpty();
    }

    @Test
    void logsWindowIsPassedToTheSource() throws Exception {
        start(TestDiagnoses::incident, Duration.ZERO);
        client.post(SlackPayloads.slashCommand("logs 90m", "U0ALICE", slack.responseUrl("logs")));
        JsonObject posted = json(slack.awaitPath("/response/logs", WAIT).orElseThrow());
        assertThat(posted.toString()).contains("Timeline on build-01 (90m)");
        assertThat(Duration.between(source.calls.get(0), Instant.now()).toMinutes()).isBetween(89L, 90L);
    }

    @Test
    void stepButtonShowsOnlyTheClickerWhatTheStepWouldDo() throws Exception {
        start(TestDiagnoses::incident, Duration.ZERO);
        client.post(SlackPayloads.slashCommand("", "U0BOB", slack.responseUrl("report")));
        JsonObject report = json(slack.awaitPath("/response/report", WAIT).orElseThrow());
        String value = findButtonValue(report, "restore-data-root");
        ButtonRef ref = ButtonRef.decode(value).orElseThrow();
        assertThat(ref.step()).isEqualTo("restore-data-root");
        assertThat(value).doesNotContain("systemctl");

        SignedClient.Answer a = client.post(SlackPayloads.blockAction("restore-data-root", value, "U0BOB", slack.responseUrl("click")));
        assertThat(a.status()).isEqualTo(200);
        JsonObject answer = json(slack.awaitPath("/response/click", WAIT).orElseThrow());
        assertThat(answer.get("response_type").getAsString()).isEqualTo("ephemeral");
        assertThat(answer.get("replace_original").getAsBoolean()).isFalse();
        assertThat(answer.toString()).contains("systemctl restart docker").contains("/etc/docker/daemon.json")
                .contains("you are not in DOCTOR_ADMINS");
        assertThat(source.calls).hasSize(1);  // resolved from the stored report, not diagnosed again
    }

    /** A step runner that records who ran what, and answers as the executor would. */
    static final class RecordingSteps implements dev.dockerdoctor.recovery.StepRunner {
        final java.util.List<String> runs = new java.util.concurrent.CopyOnWriteArrayList<>();
        final java.util.concurrent.locks.ReentrantLock running = new java.util.concurrent.locks.ReentrantLock();
        volatile long holdMillis;

        @Override
        public boolean mayRun(String user) {
            return user.equals("U0ALICE");
        }

        @Override
        public dev.dockerdoctor.recovery.StepOutcome run(String stepId, String user, String reference,
                                                         java.util.function.Consumer<String> progress) {
            // as the executor does: one at a time, and the first progress line once the step has its turn
            if (!running.tryLock()) {
                return new dev.dockerdoctor.recovery.StepOutcome(dev.dockerdoctor.recovery.StepOutcome.Status.BUSY, stepId, user,
                        "Another step is running on this host right now (" + stepId + "); it runs once. Wait for its result.",
                        java.util.List.of(), null);
            }
            try {
                progress.accept(user + " runs " + stepId);
                runs.add(stepId + " by " + user + " for " + reference);
                Thread.sleep(holdMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.unlock();
            }
            return new dev.dockerdoctor.recovery.StepOutcome(dev.dockerdoctor.recovery.StepOutcome.Status.DONE, stepId, user,
                    "Point Docker back at /srv/docker: done. No problems left.", java.util.List.of("$ systemctl restart docker", "  exit 0 in 1.9 s"),
                    TestDiagnoses.healthy());
        }
    }

    @Test
    void anAdminsClickRunsTheStepOnceAndTheChannelSeesWhoRanItAndTheResult() throws Exception {
        RecordingSteps steps = new RecordingSteps();
        start(TestDiagnoses::incident, Duration.ZERO, steps, new dev.dockerdoctor.slack.InMemoryReportStore(10));
        client.post(SlackPayloads.slashCommand("", "U0ALICE", slack.responseUrl("report")));
        JsonObject report = json(slack.awaitPath("/response/report", WAIT).orElseThrow());
        String value = findButtonValue(report, "restore-data-root");

        client.post(SlackPayloads.blockAction("restore-data-root", value, "U0ALICE", slack.responseUrl("click")));
        JsonObject result = json(slack.await(r -> r.path().equals("/response/click") && r.body().contains("done"), WAIT).orElseThrow());

        assertThat(steps.runs).containsExactly("restore-data-root by U0ALICE for " + ButtonRef.decode(value).orElseThrow().report());
        assertThat(result.get("response_type").getAsString()).isEqualTo("in_channel");
        assertThat(result.toString()).contains("U0ALICE").contains("exit 0").contains("Healthy");
        assertThat(slack.requestsTo("/response/click")).anySatisfy(r -> assertThat(r.body()).contains("runs"));
    }

    @Test
    void aClickInAnIncidentThreadIsAnsweredInTheThreadAndADoubleClickIsToldAloneItIsRunning() throws Exception {
        RecordingSteps steps = new RecordingSteps();
        steps.holdMillis = 1500;
        start(TestDiagnoses::incident, Duration.ZERO, steps, new dev.dockerdoctor.slack.InMemoryReportStore(10));
        client.post(SlackPayloads.slashCommand("", "U0ALICE", slack.responseUrl("report")));
        String value = findButtonValue(json(slack.awaitPath("/response/report", WAIT).orElseThrow()), "restore-data-root");

        JsonObject first = SlackPayloads.blockActionJson("restore-data-root", value, "U0ALICE", slack.responseUrl("first"));
        first.getAsJsonObject("container").addProperty("thread_ts", "1732688800.000100");
        first.getAsJsonObject("container").addProperty("is_ephemeral", false);
        JsonObject second = SlackPayloads.blockActionJson("restore-data-root", value, "U0ALICE", slack.responseUrl("second"));
        second.getAsJsonObject("container").addProperty("thread_ts", "1732688800.000100");
        client.post("payload=" + java.net.URLEncoder.encode(first.toString(), java.nio.charset.StandardCharsets.UTF_8));
        slack.await(r -> r.path().equals("/api/chat.postMessage") && r.body().contains("started%20by"), WAIT)
                .orElseThrow(() -> new AssertionError("no start in the thread: " + slack.requests().stream()
                        .map(r -> r.path() + " " + r.body().substring(0, Math.min(300, r.body().length()))).toList()));
        client.post("payload=" + java.net.URLEncoder.encode(second.toString(), java.nio.charset.StandardCharsets.UTF_8));

        SlackStandIn.Recorded busy = slack.awaitPath("/response/second", WAIT).orElseThrow();
        assertThat(json(busy).get("response_type").getAsString()).as("the second clicker alone").isEqualTo("ephemeral");
        assertThat(busy.body()).contains("Another step is running");
        slack.await(r -> r.path().equals("/api/chat.postMessage") && r.body().contains("done"), WAIT).orElseThrow();

        // a request is recorded before the stand-in has answered it: wait for both posts to be kept
        dev.dockerdoctor.testing.Eventually.await("both posts in the thread", WAIT,
                () -> slack.posted().stream().filter(p -> "1732688800.000100".equals(p.threadTs())).count() >= 2);
        List<SlackStandIn.Posted> inThread = slack.posted().stream().filter(p -> "1732688800.000100".equals(p.threadTs())).toList();
        assertThat(inThread).as("who runs what, then its result, in the thread").hasSize(2);
        assertThat(inThread.get(0).text()).contains("started by U0ALICE");
        assertThat(inThread.get(1).text()).contains("done");
        assertThat(inThread).allSatisfy(p -> assertThat(p.channel()).isEqualTo("C0CHAN"));
        assertThat(slack.requestsTo("/response/first")).as("nothing for the channel on the response_url").isEmpty();
        assertThat(steps.runs).hasSize(1);
    }

    @Test
    void aNonAdminsClickRunsNothingAndSaysWhy() throws Exception {
        RecordingSteps steps = new RecordingSteps();
        start(TestDiagnoses::incident, Duration.ZERO, steps, new dev.dockerdoctor.slack.InMemoryReportStore(10));
        client.post(SlackPayloads.slashCommand("", "U0BOB", slack.responseUrl("report")));
        String value = findButtonValue(json(slack.awaitPath("/response/report", WAIT).orElseThrow()), "restore-data-root");
        client.post(SlackPayloads.blockAction("restore-data-root", value, "U0BOB", slack.responseUrl("click")));
        JsonObject answer = json(slack.awaitPath("/response/click", WAIT).orElseThrow());
        assertThat(answer.toString()).contains("you are not in DOCTOR_ADMINS");
        assertThat(steps.runs).isEmpty();
    }

    @Test
    void aButtonPostedBeforeTheBotRestartedStillRunsItsStep(@TempDir Path state) throws Exception {
        RecordingSteps steps = new RecordingSteps();
        start(TestDiagnoses::incident, Duration.ZERO, steps, new dev.dockerdoctor.slack.FileReportStore(state, 10));
        client.post(SlackPayloads.slashCommand("", "U0ALICE", slack.responseUrl("report")));
        String value = findButtonValue(json(slack.awaitPath("/response/report", WAIT).orElseThrow()), "restore-data-root");
        stop();

        start(TestDiagnoses::incident, Duration.ZERO, steps, new dev.dockerdoctor.slack.FileReportStore(state, 10));
        client.post(SlackPayloads.blockAction("restore-data-root", value, "U0ALICE", slack.responseUrl("after")));
        slack.await(r -> r.path().equals("/response/after") && r.body().contains("done"), WAIT).orElseThrow();
        assertThat(steps.runs).hasSize(1);
    }

    @Test
    void aButtonOfAForgottenReportSaysSo() throws Exception {
        start(TestDiagnoses::incident, Duration.ZERO);
        String value = new ButtonRef("r-gone", "restore-data-root").encode();
        client.post(SlackPayloads.blockAction("restore-data-root", value, "U0ALICE", slack.responseUrl("gone")));
        assertThat(json(slack.awaitPath("/response/gone", WAIT).orElseThrow()).toString()).contains("no longer have");
    }

    @Test
    void uiButtonsShowTheTimelineAndCheckAgain() throws Exception {
        start(TestDiagnoses::incident, Duration.ZERO);
        client.post(SlackPayloads.slashCommand("", "U0ALICE", slack.responseUrl("report")));
        JsonObject report = json(slack.awaitPath("/response/report", WAIT).orElseThrow());
        client.post(SlackPayloads.blockAction("ui:show-timeline", findButtonValue(report, "ui:show-timeline"), "U0ALICE", slack.responseUrl("tl")));
        JsonObject timeline = json(slack.awaitPath("/response/tl", WAIT).orElseThrow());
        assertThat(timeline.toString()).contains("apt-daily-upgrade started");
        assertThat(timeline.get("replace_original").getAsBoolean()).isFalse();
        assertThat(source.calls).hasSize(1);
        client.post(SlackPayloads.blockAction("ui:refresh", findButtonValue(report, "ui:refresh"), "U0ALICE", slack.responseUrl("again")));
        JsonObject again = json(slack.awaitPath("/response/again", WAIT).orElseThrow());
        assertThat(again.get("replace_original").getAsBoolean()).isTrue();
        assertThat(source.calls).hasSize(2);
    }

    @Test
    void aFailingDiagnosisIsSaidPlainlyWithoutTheExceptionText() throws Exception {
        start(() -> {
            throw new IllegalStateException("boom xoxb-leaked-secret at /var/run/docker.sock");
        }, Duration.ZERO);
        client.post(SlackPayloads.slashCommand("", "U0ALICE", slack.responseUrl("fail")));
        String posted = slack.awaitPath("/response/fail", WAIT).orElseThrow().body();
        assertThat(posted).contains("could not check the host").doesNotContain("boom").doesNotContain("xoxb-leaked");
    }

    @Test
    void anyoneMayAcknowledgeAnIncidentThroughTheModalAndAnOldOneIsRefusedInIt() throws Exception {
        Files.createDirectories(hostRoot.resolve("etc"));
        slack = new SlackStandIn();
        Settings s = Settings.fromEnv(env());
        List<String> acks = new java.util.concurrent.CopyOnWriteArrayList<>();
        dev.dockerdoctor.slack.WatchDesk desk = new dev.dockerdoctor.slack.WatchDesk() {
            @Override
            public dev.dockerdoctor.slack.message.HomeState home() {
                return dev.dockerdoctor.slack.message.HomeState.nothingKnown();
            }

            @Override
            public boolean isOpen(String incidentId) {
                return incidentId.equals("inc-1");
            }

            @Override
            public boolean acknowledge(String incidentId, String user, String reason) {
                if (!incidentId.equals("inc-1")) return false;
                acks.add(incidentId + " " + user + " " + reason);
                return true;
            }
        };
        server = BotServer.start(s, since -> TestDiagnoses.incident(), new SlackBot.Options("build-01", s.admins(),
                        Clock.systemUTC(), ZoneOffset.UTC, 2, 64), 0, new NoSteps(), new dev.dockerdoctor.slack.InMemoryReportStore(10),
                new io.prometheus.metrics.model.registry.PrometheusRegistry(), desk);
        client = new SignedClient(server.port(), SECRET);

        // a non-admin presses Acknowledge on the root message: the modal opens on the click's trigger_id
        JsonObject click = SlackPayloads.blockActionJson(dev.dockerdoctor.slack.message.IncidentViews.UI_ACK,
                ButtonRef.ofReport("inc-1").encode(), "U0BOB", slack.responseUrl("ack"));
        assertThat(client.post("payload=" + java.net.URLEncoder.encode(click.toString(), java.nio.charset.StandardCharsets.UTF_8)).status())
                .isEqualTo(200);
        SlackStandIn.Recorded open = slack.awaitPath("/api/views.open", WAIT).orElseThrow();
        Map<String, String> p = SlackStandIn.form(open.body());
        assertThat(p.get("trigger_id")).isEqualTo(click.get("trigger_id").getAsString());
        JsonObject view = JsonParser.parseString(p.get("view")).getAsJsonObject();
        assertThat(view.get("callback_id").getAsString()).isEqualTo("ui:ack");
        assertThat(view.get("private_metadata").getAsString()).isEqualTo("inc-1");
        assertThat(view.toString()).contains("What are you doing about it?", "\"type\":\"input\"");
        SlackStandIn.recordForPreview("ack-modal", List.of(open));

        SignedClient.Answer done = client.post(SlackPayloads.viewSubmission("ui:ack", "inc-1", "U0BOB", "reason", "reason",
                "  restoring the data root  "));
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.body()).doesNotContain("errors");
        // kept after the ack (it writes files): wait for it
        dev.dockerdoctor.testing.Eventually.await("the acknowledgement kept", WAIT, () -> !acks.isEmpty());
        assertThat(acks).containsExactly("inc-1 U0BOB restoring the data root");

        SignedClient.Answer gone = client.post(SlackPayloads.viewSubmission("ui:ack", "inc-old", "U0BOB", "reason", "reason", "on it"));
        assertThat(gone.body()).contains("\"response_action\":\"errors\"", "no longer open");
        SignedClient.Answer empty = client.post(SlackPayloads.viewSubmission("ui:ack", "inc-1", "U0BOB", "reason", "reason", "   "));
        assertThat(empty.body()).contains("\"response_action\":\"errors\"", "Say in a few words");
        assertThat(acks).hasSize(1);
    }

    @Test
    void theHomeTabShowsTheHostTheOpenIncidentWithItsThreadAndTheLastSteps() throws Exception {
        Files.createDirectories(hostRoot.resolve("etc"));
        Files.writeString(hostRoot.resolve("etc/hostname"), "build-01\n");
        slack = new SlackStandIn();
        Settings s = Settings.fromEnv(env());
        java.time.Instant now = java.time.Instant.now();
        var down = new dev.dockerdoctor.watch.SignalRecord(dev.dockerdoctor.watch.SignalKind.URL_DOWN, "gitlab",
                "gitlab answered 404", now.minusSeconds(720), now, null);
        var thread = new dev.dockerdoctor.watch.Delivery(new dev.dockerdoctor.watch.ThreadRef("C0OPS", "1700000000.000200"),
                null, 1, 0, null, null);
        var open = new dev.dockerdoctor.watch.Incident("inc-1", "build-01", dev.dockerdoctor.watch.IncidentState.OPEN,
                now.minusSeconds(720), now, now, null, null, List.of(down), List.of(), 0, null, List.of(), 1, thread);
        var ran = new dev.dockerdoctor.recovery.AuditLog.Entry(now.minusSeconds(60), "U0ALICE", "inc-1", "restore-data-root",
                List.of("systemctl restart docker"), 0, Duration.ofSeconds(9), "done");
        dev.dockerdoctor.slack.WatchDesk home = () ->
                new dev.dockerdoctor.slack.message.HomeState(Optional.of(TestDiagnoses.incident()), Optional.of(open), List.of(ran));
        server = BotServer.start(s, since -> { throw new AssertionError("the Home tab must not diagnose"); },
                new SlackBot.Options("build-01", s.admins(), Clock.systemUTC(), ZoneOffset.UTC, 2, 64), 0, new NoSteps(),
                new dev.dockerdoctor.slack.InMemoryReportStore(10), new io.prometheus.metrics.model.registry.PrometheusRegistry(), home);
        client = new SignedClient(server.port(), SECRET);

        SignedClient.Answer ack = client.postEvent(SlackPayloads.appHomeOpened("U0BOB"));
        assertThat(ack.status()).isEqualTo(200);
        SlackStandIn.Recorded publish = slack.awaitPath("/api/views.publish", WAIT).orElseThrow();
        Map<String, String> p = SlackStandIn.form(publish.body());
        assertThat(p.get("user_id")).isEqualTo("U0BOB");
        JsonObject view = JsonParser.parseString(p.get("view")).getAsJsonObject();
        assertThat(view.get("type").getAsString()).isEqualTo("home");
        String blocks = view.get("blocks").toString();
        assertThat(blocks).contains("docker-doctor on build-01", "data root", "gitlab is down on build-01",
                "https://doctor-test.slack.com/archives/C0OPS/p1700000000000200|Open its thread", "Nobody has acknowledged it yet",
                "restore-data-root", "<@U0ALICE>", "done");
        SlackStandIn.recordForPreview("home-tab", List.of(publish));

        // the Messages tab opening is no reason to publish
        client.postEvent(SlackPayloads.appHomeOpened("U0BOB").replace("\"tab\":\"home\"", "\"tab\":\"messages\""));
        Thread.sleep(300);
        assertThat(slack.requestsTo("/api/views.publish")).hasSize(1);
    }

    @Test
    void healthzAnswersOkEvenWhenDockerIsDown() throws Exception {
        start(() -> {
            throw new IllegalStateException("docker is down");
        }, Duration.ZERO);
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonObject health = JsonParser.parseString(r.body()).getAsJsonObject();
        assertThat(health.get("status").getAsString()).isEqualTo("ok");
        assertThat(health.get("mode").getAsString()).isEqualTo("http");
        assertThat(HealthcheckCommand.check(server.port(), m -> { })).isZero();
    }

    @Test
    void aBotStartedWhileSlackIsUnreachableServesAndSaysTheTokenIsNotVerifiedYet() throws Exception {
        Files.createDirectories(hostRoot.resolve("etc"));
        slack = new SlackStandIn();
        Map<String, String> env = env();
        env.put(Env.SLACK_API_URL, "http://127.0.0.1:" + dev.dockerdoctor.testing.SilentTcpServer.closedPort() + "/api/");
        Settings s = Settings.fromEnv(env);
        // Bolt's own start-up auth.test would have thrown "The token is invalid" here, and serve exited
        server = BotServer.start(s, since -> TestDiagnoses.healthy(), new SlackBot.Options("build-01", s.admins(),
                Clock.systemUTC(), ZoneOffset.UTC, 2, 64), 0, new NoSteps(), new dev.dockerdoctor.slack.InMemoryReportStore(10));
        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + BotServer.HEALTH_PATH)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).satisfiesAnyOf(
                b -> assertThat(b).contains("\"auth\":\"not verified yet"),
                b -> assertThat(b).contains("\"auth\":\"failing since"));
        client = new SignedClient(server.port(), SECRET);
        assertThat(client.post(SlackPayloads.slashCommand("", "U0ALICE", slack.responseUrl("r"))).status())
                .as("no request is served on an identity nobody confirmed").isEqualTo(401);
    }

    @Test
    void aBotTokenSlackRefusesStopsStartUpNamingIt() throws Exception {
        slack = new SlackStandIn();
        slack.refuseToken("xoxb-revoked");
        Map<String, String> env = env();
        env.put(Env.SLACK_BOT_TOKEN, "xoxb-revoked");
        Settings s = Settings.fromEnv(env);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BotServer.start(s, since -> TestDiagnoses.incident(), new NoSteps(),
                new dev.dockerdoctor.slack.InMemoryReportStore(10), Clock.systemUTC(), ZoneOffset.UTC,
                new io.prometheus.metrics.model.registry.PrometheusRegistry(), dev.dockerdoctor.slack.WatchDesk.none()))
                .isInstanceOf(SettingsException.class).hasMessageContaining("SLACK_BOT_TOKEN").hasMessageContaining("invalid_auth");
    }

    @Test
    void healthcheckFailsWhenNothingListens() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        StringBuilder said = new StringBuilder();
        assertThat(HealthcheckCommand.check(port, said::append)).isEqualTo(1);
        assertThat(said).contains("no answer from http://127.0.0.1:" + port + "/healthz");
    }

    static String findButtonValue(JsonObject message, String actionId) {
        return SlackJson.button(message, actionId).get("value").getAsString();
    }
}
