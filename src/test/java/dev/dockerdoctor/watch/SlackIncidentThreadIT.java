package dev.dockerdoctor.watch;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.dockerdoctor.slack.SlackBot;
import dev.dockerdoctor.slack.SlackIncidentNotifier;
import dev.dockerdoctor.slack.message.ButtonRef;
import dev.dockerdoctor.slack.message.ViewContext;
import dev.dockerdoctor.testing.Eventually;
import dev.dockerdoctor.testing.FlakyService;
import dev.dockerdoctor.testing.SwitchableDockerProbe;
import dev.dockerdoctor.testing.standin.SlackJson;
import dev.dockerdoctor.testing.standin.SlackStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The incident loop posting through the real Slack notifier and SDK to the Slack stand-in: Slack answering 429 and
 * then 500 to the first posts, a restart of the bot mid-incident, a post whose answer was lost, and the thread's
 * content (root, diagnosis with buttons naming the incident, the resolved reply).
 */
class SlackIncidentThreadIT {
    private static final String CHANNEL = "C0INCIDENTS";
    private static final Duration INTERVAL = Duration.ofMillis(200);
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path state;
    private SlackStandIn slack;
    private FlakyService gitlab;
    private final SwitchableDockerProbe docker = new SwitchableDockerProbe(SwitchableDockerProbe.on("/big/docker", 12));
    private final Diagnoses diagnoses = new Diagnoses(Diagnoses::drifted);
    private final List<IncidentWatch> started = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        slack = new SlackStandIn();
        gitlab = FlakyService.start();
    }

    @AfterEach
    void stop() throws Exception {
        started.forEach(IncidentWatch::close);
        gitlab.close();
        slack.close();
    }

    private SlackIncidentNotifier notifier() {
        return new SlackIncidentNotifier(SlackBot.slack(slack.apiUrl()).methods("xoxb-test"), CHANNEL,
                id -> new ViewContext("gitlab-host", id, List.of("U0ADMIN"), null), ZoneOffset.UTC);
    }

    private IncidentWatch watch() {
        IncidentWatch.Config c = IncidentWatch.Config.of("gitlab-host", Map.of("gitlab", gitlab.uri()), INTERVAL)
                .withBackoff(new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2)));
        IncidentWatch w = IncidentWatch.start(c, state, docker, diagnoses, notifier(), Clock.systemUTC());
        started.add(w);
        return w;
    }

    private List<SlackStandIn.Posted> roots() {
        return slack.posted().stream().filter(p -> p.threadTs() == null).toList();
    }

    private List<SlackStandIn.Posted> replies(String rootTs) {
        return slack.posted().stream().filter(p -> rootTs.equals(p.threadTs())).toList();
    }

    private static List<SlackStandIn.Recorded> okPosts(List<SlackStandIn.Recorded> all) {
        return all.stream().filter(r -> r.path().equals("/api/chat.postMessage")).toList();
    }

    @Test
    void slackAnswering429AndThen500ToTheFirstPostsStillDeliversTheIncidentOnceInOneThread() throws Exception {
        slack.rateLimitNext("chat.postMessage", 1).failNext("chat.postMessage", 500);
        IncidentWatch w = watch();
        Thread.sleep(INTERVAL.multipliedBy(3).toMillis());
        long broke = System.nanoTime();
        gitlab.answer(404);

        Eventually.await("the root message", WAIT, () -> roots().size() == 1);
        Eventually.await("the diagnosis in the thread", WAIT, () -> replies(roots().get(0).ts()).size() == 1);
        SlackStandIn.Posted root = roots().get(0);
        List<SlackStandIn.Recorded> attempts = okPosts(slack.requests());
        long rootMs = (attempts.get(2).nanoTime() - broke) / 1_000_000;
        long retryAfterMs = (attempts.get(1).nanoTime() - attempts.get(0).nanoTime()) / 1_000_000;
        System.out.printf("via Slack stand-in: 429 (Retry-After 1 s) retried after %d ms, then 500; root message %d ms"
                + " after the outage; %d postMessage attempts%n", retryAfterMs, rootMs, attempts.size());
        assertThat(retryAfterMs).isGreaterThanOrEqualTo(1000);

        Incident open = w.openIncident().orElseThrow();
        assertThat(open.thread().ts()).isEqualTo(root.ts());
        assertThat(open.thread().channel()).isEqualTo(CHANNEL);
        assertThat(root.channel()).isEqualTo(CHANNEL);
        assertThat(root.text()).contains("gitlab is down on gitlab-host", "gitlab answered 404");
        assertThat(root.metadata()).contains(SlackIncidentNotifier.METADATA_EVENT, open.id());

        SlackStandIn.Posted diagnosis = replies(root.ts()).get(0);
        JsonObject thread = JsonParser.parseString("{\"blocks\":" + diagnosis.blocks() + "}").getAsJsonObject();
        JsonObject restore = SlackJson.button(thread, "restore-data-root");
        assertThat(ButtonRef.decode(restore.get("value").getAsString())).contains(new ButtonRef(open.id(), "restore-data-root"));
        assertThat(diagnosis.blocks()).contains("service-down", "data-root-drift");
        assertThat(w.diagnosis(open.id())).as("the buttons' report").isPresent();
        assertThat(roots().get(0).blocks()).as("root updated with the likely cause")
                .contains("Docker runs on /var/lib/docker (0 containers) but 12 containers are in /big/docker");

        Thread.sleep(INTERVAL.multipliedBy(10).toMillis());
        assertThat(roots()).as("a long outage is one root message").hasSize(1);
        assertThat(replies(root.ts())).hasSize(1);
    }

    @Test
    void aRestartedBotKeepsUpdatingTheSameRootMessageAndClosesItsThread() throws Exception {
        IncidentWatch first = watch();
        Thread.sleep(INTERVAL.multipliedBy(3).toMillis());
        gitlab.refuse();
        Eventually.await("the diagnosis in the thread", WAIT, () -> roots().size() == 1 && replies(roots().get(0).ts()).size() == 1);
        Eventually.await("the chat is up to date", WAIT, () -> !first.openIncident().orElseThrow().needsUpdate());
        String rootTs = roots().get(0).ts();
        first.close();

        IncidentWatch second = watch();
        Thread.sleep(INTERVAL.multipliedBy(8).toMillis());
        assertThat(roots()).as("no second root message after the restart").hasSize(1);

        gitlab.answer(200);
        diagnoses.answer(Diagnoses::healthy);
        Eventually.await("resolved in the thread", WAIT, () -> replies(rootTs).size() == 2);
        SlackStandIn.Posted root = roots().get(0);
        assertThat(roots()).hasSize(1);
        assertThat(root.ts()).isEqualTo(rootTs);
        assertThat(root.text()).startsWith("Resolved on gitlab-host after ");
        assertThat(replies(rootTs).get(1).text()).startsWith("Resolved after ");
        assertThat(slack.requestsTo("/api/chat.update")).extracting(r -> r.param("ts")).contains(rootTs);
        assertThat(second.openIncident()).isEmpty();
    }

    @Test
    void aPostWhoseAnswerWasLostIsFoundInTheChannelNotPostedAgain() throws Exception {
        slack.postButFailNext(500);
        IncidentWatch w = watch();
        Thread.sleep(INTERVAL.multipliedBy(3).toMillis());
        gitlab.answer(503);

        Eventually.await("the lost post looked for", WAIT, () -> !slack.requestsTo("/api/conversations.history").isEmpty());
        Eventually.await("the diagnosis in the thread", WAIT, () -> !roots().isEmpty() && replies(roots().get(0).ts()).size() == 1);
        assertThat(roots()).hasSize(1);
        assertThat(w.openIncident().orElseThrow().thread().ts()).isEqualTo(roots().get(0).ts());
    }

    @Test
    void refusalsAPersonMustFixAreSaidAsSuch() {
        slack.refuseToken("xoxb-test");
        Incident i = new Incident("inc-1", "h", IncidentState.OPEN, java.time.Instant.now(), java.time.Instant.now(),
                java.time.Instant.now(), null, null, List.of(), List.of(), 0, null, List.of(), 1, Delivery.NONE);
        assertThatThrownBy(() -> notifier().opened(i, Optional.empty()))
                .isInstanceOfSatisfying(DeliveryException.class, e -> {
                    assertThat(e.needsPerson()).isTrue();
                    assertThat(e.getMessage()).contains("invalid_auth");
                });
    }

    @Test
    void anIncidentNobodyAcknowledgesIsRaisedAgainInItsThreadMentioningOnCallUntilSomeoneDoes() throws Exception {
        IncidentWatch.Config c = IncidentWatch.Config.of("gitlab-host", Map.of("gitlab", gitlab.uri()), INTERVAL)
                .withRemind(Duration.ofSeconds(2));
        SlackIncidentNotifier oncall = new SlackIncidentNotifier(SlackBot.slack(slack.apiUrl()).methods("xoxb-test"), CHANNEL,
                id -> new ViewContext("gitlab-host", id, List.of("U0ADMIN"), null), ZoneOffset.UTC,
                dev.dockerdoctor.model.Secrets.none(), List.of("U0ONCALL", "S0OPS"));
        IncidentWatch w = IncidentWatch.start(c, state, docker, diagnoses, oncall, Clock.systemUTC());
        started.add(w);
        Thread.sleep(INTERVAL.multipliedBy(3).toMillis());
        gitlab.answer(404);
        Eventually.await("the root message", WAIT, () -> roots().size() == 1);
        String root = roots().get(0).ts();
        Eventually.await("a reminder in the thread", WAIT,
                () -> replies(root).stream().anyMatch(p -> p.text().contains("still open after")));
        SlackStandIn.Posted reminder = replies(root).stream().filter(p -> p.text().contains("still open after")).findFirst().orElseThrow();
        assertThat(reminder.blocks()).contains("\\u003c@U0ONCALL\\u003e", "\\u003c!subteam^S0OPS\\u003e", "ui:ack",
                "nobody has acknowledged it");

        String id = w.openIncident().orElseThrow().id();
        assertThat(w.acknowledge(id, "U0BOB", "on it")).isTrue();
        Thread.sleep(500); // a reminder already on its way may still land
        long after = replies(root).stream().filter(p -> p.text().contains("still open after")).count();
        Thread.sleep(4500); // two more periods
        assertThat(replies(root).stream().filter(p -> p.text().contains("still open after")).count())
                .as("an acknowledgement stops them").isEqualTo(after);
    }
}
