package dev.dockerdoctor.watch;

import dev.dockerdoctor.testing.Eventually;
import dev.dockerdoctor.testing.RecordingNotifier;
import dev.dockerdoctor.testing.SwitchableDockerProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.dockerdoctor.testing.RecordingNotifier.Op.FIND;
import static dev.dockerdoctor.testing.RecordingNotifier.Op.OPENED;
import static dev.dockerdoctor.testing.RecordingNotifier.Op.RESOLVED;
import static dev.dockerdoctor.testing.RecordingNotifier.Op.UPDATED;
import static dev.dockerdoctor.testing.SwitchableDockerProbe.on;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The loop with real threads and time, the daemon and the chat as named fakes: delivery once (429, 500, a lost
 * answer), a restart mid-incident, a slow diagnosis. The incident comes from the Docker watcher (the root moves),
 * which raises at the first poll that sees it.
 */
class IncidentWatchTest {
    private static final Duration INTERVAL = Duration.ofMillis(100);
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path state;
    private final List<IncidentWatch> started = new ArrayList<>();
    private final SwitchableDockerProbe docker = new SwitchableDockerProbe(on("/big/docker", 12));
    private final Diagnoses diagnoses = new Diagnoses(Diagnoses::drifted);

    private IncidentWatch start(IncidentNotifier notifier) {
        IncidentWatch.Config config = IncidentWatch.Config.of("docker-host", Map.of(), INTERVAL)
                .withRefresh(Duration.ofMillis(300))
                .withBackoff(new Backoff(Duration.ofMillis(50), Duration.ofMillis(400)));
        IncidentWatch w = IncidentWatch.start(config, state, docker, diagnoses, notifier, Clock.systemUTC());
        started.add(w);
        return w;
    }

    @AfterEach
    void stop() {
        started.forEach(IncidentWatch::close);
    }

    private static void sleep(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }

    /** Docker comes back on the empty default root: the incident. */
    private void breakTheHost() {
        docker.set(on("/var/lib/docker", 0));
    }

    @Test
    void slackAnswering429AndThen500StillDeliversTheIncidentOnce() throws Exception {
        RecordingNotifier chat = new RecordingNotifier().failNext(
                DeliveryException.rateLimited("HTTP 429 ratelimited, Retry-After 1", Duration.ofSeconds(1)),
                DeliveryException.transientFailure("HTTP 500", null));
        IncidentWatch w = start(chat);
        sleep(INTERVAL.multipliedBy(3));
        breakTheHost();

        Eventually.await("the incident is posted", WAIT, () -> !chat.succeeded(OPENED).isEmpty());
        sleep(INTERVAL.multipliedBy(5));

        List<RecordingNotifier.Call> posts = chat.calls(OPENED);
        assertThat(posts).extracting(RecordingNotifier.Call::failed).containsExactly(true, true, false);
        long afterRetryAfterMs = (posts.get(1).nanos() - posts.get(0).nanos()) / 1_000_000;
        long afterBackoffMs = (posts.get(2).nanos() - posts.get(1).nanos()) / 1_000_000;
        System.out.printf("429 -> retry after %d ms (Retry-After 1 s); 500 -> retry after %d ms (backoff 50 ms)%n",
                afterRetryAfterMs, afterBackoffMs);
        assertThat(afterRetryAfterMs).as("Retry-After honoured").isGreaterThanOrEqualTo(1000);
        assertThat(afterBackoffMs).isLessThan(1000);
        assertThat(chat.posted()).hasSize(1);
        String ts = chat.posted().values().iterator().next().ts();
        assertThat(w.openIncident().orElseThrow().thread().ts()).isEqualTo(ts);
        assertThat(Files.readString(state.resolve(IncidentStore.FILE))).contains(ts);
    }

    @Test
    void aRestartedBotPostsNoSecondRootMessageAndKeepsUpdatingTheFirst() throws Exception {
        RecordingNotifier first = new RecordingNotifier();
        IncidentWatch w1 = start(first);
        sleep(INTERVAL.multipliedBy(3));
        breakTheHost();
        Eventually.await("the thread holds the diagnosis", WAIT,
                () -> first.calls().stream().anyMatch(c -> !c.failed() && c.withDiagnosis()));
        String ts = first.posted().values().iterator().next().ts();
        String id = w1.openIncident().orElseThrow().id();
        Eventually.await("the chat is up to date", WAIT, () -> !w1.openIncident().orElseThrow().needsUpdate());
        w1.close();

        RecordingNotifier second = first.sameChat();
        IncidentWatch w2 = start(second);
        sleep(INTERVAL.multipliedBy(10));
        assertThat(second.calls(OPENED)).as("no second root message").isEmpty();
        assertThat(w2.openIncident().orElseThrow().id()).isEqualTo(id);

        docker.set(on("/big/docker", 12));
        diagnoses.answer(Diagnoses::healthy);
        Eventually.await("resolved in the same thread", WAIT, () -> !second.succeeded(RESOLVED).isEmpty());

        RecordingNotifier.Call resolved = second.succeeded(RESOLVED).get(0);
        assertThat(resolved.ts()).isEqualTo(ts);
        assertThat(resolved.incidentId()).isEqualTo(id);
        assertThat(second.calls()).extracting(RecordingNotifier.Call::ts).containsOnly(ts);
        assertThat(first.posted()).hasSize(1);
        Incident done = w2.incident(id).orElseThrow();
        assertThat(done.state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(done.duration()).isPositive();
        assertThat(w2.openIncident()).isEmpty();
    }

    @Test
    void aPostWhoseAnswerWasLostIsFoundAgainNotPostedTwice() throws Exception {
        RecordingNotifier chat = new RecordingNotifier().loseNextPostAnswer();
        IncidentWatch w = start(chat);
        sleep(INTERVAL.multipliedBy(3));
        breakTheHost();

        Eventually.await("the lost post is found", WAIT, () -> !chat.calls(FIND).isEmpty());
        Eventually.await("the thread is updated", WAIT, () -> !chat.succeeded(UPDATED).isEmpty());

        assertThat(chat.calls(OPENED)).hasSize(1);
        assertThat(chat.posted()).hasSize(1);
        String ts = chat.posted().values().iterator().next().ts();
        assertThat(chat.calls(FIND).get(0).ts()).isEqualTo(ts);
        assertThat(w.openIncident().orElseThrow().thread().ts()).isEqualTo(ts);
    }

    @Test
    void aSlowDiagnosisDoesNotHoldBackTheRootMessageAndRunsOneAtATime() throws Exception {
        diagnoses.slow(Duration.ofMillis(1500));
        RecordingNotifier chat = new RecordingNotifier();
        start(chat);
        sleep(INTERVAL.multipliedBy(3));
        long broke = System.nanoTime();
        breakTheHost();

        Eventually.await("posted", WAIT, () -> !chat.succeeded(OPENED).isEmpty());
        RecordingNotifier.Call post = chat.succeeded(OPENED).get(0);
        long ms = (post.nanos() - broke) / 1_000_000;
        System.out.printf("root message %d ms after the root moved, diagnosis still running (takes 1500 ms)%n", ms);
        assertThat(post.withDiagnosis()).isFalse();
        assertThat(ms).as("a poll plus the 500 ms grace, not the diagnosis").isLessThan(1000);

        // more news while the diagnosis runs: a second signal
        docker.set(SwitchableDockerProbe.on("/var/lib/docker", 0));
        Eventually.await("the diagnosis reaches the thread", WAIT,
                () -> chat.succeeded(UPDATED).stream().anyMatch(RecordingNotifier.Call::withDiagnosis));
        assertThat(diagnoses.maxConcurrent()).isEqualTo(1);
    }

    @Test
    void aStepRunForTheIncidentMakesItMitigatingInTheThread() throws Exception {
        RecordingNotifier chat = new RecordingNotifier();
        IncidentWatch w = start(chat);
        sleep(INTERVAL.multipliedBy(3));
        breakTheHost();
        Eventually.await("posted with its diagnosis", WAIT,
                () -> chat.calls().stream().anyMatch(c -> !c.failed() && c.withDiagnosis()));
        String id = w.openIncident().orElseThrow().id();

        w.stepRan(id, "restore-data-root", true);

        Eventually.await("mitigating in the thread", WAIT,
                () -> chat.succeeded(UPDATED).stream().anyMatch(c -> c.state() == IncidentState.MITIGATING));
        assertThat(w.openIncident().orElseThrow().stepsRan()).containsExactly("restore-data-root");
    }

    @Test
    void aMaintenanceWindowHoldsTheIncidentBackSurvivesARestartAndOpensWhatIsStillBrokenAtItsEnd() throws Exception {
        RecordingNotifier chat = new RecordingNotifier().failNext(DeliveryException.transientFailure("HTTP 500", null));
        IncidentWatch w1 = start(chat);
        sleep(INTERVAL.multipliedBy(3));
        java.time.Instant until = java.time.Instant.now().plus(Duration.ofMinutes(30));
        w1.startMaintenance("U0ADMIN", until, "moving Docker to the big disk");
        Eventually.await("the start is told, after one 500", WAIT, () -> !chat.maintenanceTold().isEmpty());
        assertThat(chat.maintenanceTold().get(0).endedAt()).isNull();
        assertThat(chat.maintenanceTold().get(0).reason()).isEqualTo("moving Docker to the big disk");

        breakTheHost();
        sleep(INTERVAL.multipliedBy(6));
        assertThat(chat.calls()).as("nothing posted during the window").isEmpty();
        assertThat(w1.openIncident()).isEmpty();
        w1.close();

        RecordingNotifier second = chat.sameChat();
        IncidentWatch w2 = start(second);
        sleep(INTERVAL.multipliedBy(6));
        assertThat(w2.maintenance()).as("the window survives the restart").isPresent();
        assertThat(second.calls()).as("still nothing posted").isEmpty();
        assertThat(second.maintenanceTold()).as("the start is not told twice").isEmpty();

        assertThat(w2.endMaintenance("U0ADMIN")).isPresent();
        Eventually.await("the end is told", WAIT, () -> !second.maintenanceTold().isEmpty());
        Maintenance ended = second.maintenanceTold().get(0);
        assertThat(ended.endedBy()).isEqualTo("U0ADMIN");
        assertThat(ended.seen()).extracting(TimelineEntry::text).anySatisfy(t -> assertThat(t).contains("/var/lib/docker"));
        Eventually.await("what is still broken opens its incident", WAIT, () -> !second.succeeded(OPENED).isEmpty());
        assertThat(w2.maintenance()).isEmpty();
        assertThat(w2.endMaintenance("U0ADMIN")).as("nothing left to end").isEmpty();
    }
}
