package dev.dockerdoctor.watch;

import dev.dockerdoctor.model.ContainerInfo;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ContainerWatcherTest {
    private static final Instant T = Instant.parse("2026-12-02T06:20:00Z");
    private static final Duration POLL = Duration.ofSeconds(30);

    private final ContainerWatcher w = new ContainerWatcher(2, 2);

    private static ContainerInfo c(String id, String name, String state, int restarts, Instant started, Integer exit,
                                   String health, Boolean oom, Instant finished) {
        return new ContainerInfo(id, name, "busybox", state, state, Map.of(), restarts, oom, health, exit, started,
                finished, 0L, "always", List.of(), List.of());
    }

    private static ContainerInfo running(String id, String name, int restarts, Instant started) {
        return c(id, name, "running", restarts, started, 0, null, false, null);
    }

    private Reading at(int poll, ContainerInfo... cs) {
        return w.observe(List.of(cs), T.plus(POLL.multipliedBy(poll)), true);
    }

    private static SignalKey key(SignalKind k, String name) {
        return new SignalKey(k, name);
    }

    @Test
    void aContainerItsRestartPolicyKeepsStartingIsALoopUntilItStaysUp() {
        assertThat(at(0, running("a1", "web", 0, T)).problems()).isEmpty();
        assertThat(at(1, c("a1", "web", "restarting", 1, T, 1, null, false, T)).problems())
                .as("restarting and the count rose: a loop").extracting(Signal::key)
                .containsExactly(key(SignalKind.CONTAINER_RESTART_LOOP, "web"));
        Reading r = at(2, running("a1", "web", 3, T.plusSeconds(59)));
        assertThat(r.problems()).singleElement().satisfies(s ->
                assertThat(s.detail()).isEqualTo("web is restarting in a loop (restart: always, exit code 1)"));
        // the words stay as they were first raised: a new count each poll must not post an update each poll
        assertThat(at(3, running("a1", "web", 4, T.plusSeconds(89))).problems()).singleElement()
                .extracting(Signal::detail).isEqualTo("web is restarting in a loop (restart: always, exit code 1)");
        assertThat(at(4, running("a1", "web", 4, T.plusSeconds(89))).problems()).as("one calm poll is not enough").hasSize(1);
        for (int i = 1; i <= 4; i++) {
            assertThat(w.observe(List.of(running("a1", "web", 4, T.plusSeconds(89))), T.plus(POLL.multipliedBy(4)).plusMillis(100L * i), false)
                    .problems()).as("a burst of the event stream's extra polls is not calm").hasSize(1);
        }
        assertThat(at(6, running("a1", "web", 4, T.plusSeconds(89))).problems())
                .as("90 s without a restart: a loop at Docker's full backoff restarts once a minute").hasSize(1);
        Reading calm = at(7, running("a1", "web", 4, T.plusSeconds(89)));
        assertThat(calm.problems()).as("two minutes without a restart").isEmpty();
        assertThat(calm.healthy()).contains(key(SignalKind.CONTAINER_RESTART_LOOP, "web"));
        assertThat(at(9, running("a1", "web", 4, T.plusSeconds(89))).problems())
                .as("the rises that made the loop do not raise it again").isEmpty();
        assertThat(at(10, running("a1", "web", 5, T.plusSeconds(250))).problems()).as("one more crash is not a loop").isEmpty();
        assertThat(at(11, running("a1", "web", 6, T.plusSeconds(280))).problems()).as("two more are").hasSize(1);
    }

    @Test
    void restartsOnPurposeAreNotesNotSignals() {
        at(0, running("a1", "web", 0, T), running("b1", "db", 2, T), running("c1", "cache", 0, T));
        // docker restart web (the count stays), compose up recreates db (new id, same name), cache stopped
        Reading r = at(1, running("a1", "web", 0, T.plusSeconds(20)), running("b2", "db", 0, T.plusSeconds(25)),
                c("c1", "cache", "exited", 0, T, 143, null, false, T.plusSeconds(28)));
        assertThat(r.problems()).isEmpty();
        assertThat(r.notes()).extracting(TimelineEntry::text).containsExactlyInAnyOrder(
                "web was started again, not by its restart policy (docker restart, a step, the daemon's restart): not a signal",
                "db was recreated (a new container under the same name: compose up, an image update): not a signal",
                "cache was stopped (exit code 143): not a signal");
        assertThat(r.healthy()).contains(key(SignalKind.CONTAINER_RESTART_LOOP, "db"));
    }

    @Test
    void manyContainersStartedTogetherAreOneNote() {
        at(0, running("a", "a", 0, T), running("b", "b", 0, T), running("c", "c", 0, T), running("d", "d", 0, T));
        Instant later = T.plusSeconds(40);
        Reading r = at(1, running("a", "a", 0, later), running("b", "b", 0, later), running("c", "c", 0, later), running("d", "d", 0, later));
        assertThat(r.problems()).isEmpty();
        assertThat(r.notes()).extracting(TimelineEntry::text).containsExactly("4 containers were started again or stopped"
                + " together, not by their restart policy (the daemon restarted, compose up or down): not a signal");
    }

    @Test
    void anOomKillIsNewsOnceAndNotFromBeforeTheWatchBegan() {
        Instant killedBefore = T.minusSeconds(100);
        assertThat(at(0, c("o1", "old", "exited", 0, null, 137, null, true, killedBefore)).problems())
                .as("killed before the first poll: the diagnosis tells of it, not an alarm").isEmpty();
        at(1, running("m1", "mem", 0, T));
        Instant killed = T.plusSeconds(50);
        Reading r = at(2, c("m1", "mem", "exited", 0, T, 137, null, true, killed));
        assertThat(r.problems()).singleElement().satisfies(s -> {
            assertThat(s.key()).isEqualTo(key(SignalKind.CONTAINER_OOM_KILLED, "mem"));
            assertThat(s.time()).isEqualTo(killed);
            assertThat(s.detail()).isEqualTo("mem was killed for lack of memory (no memory limit of its own: the host ran out)");
        });
        assertThat(at(3, c("m1", "mem", "exited", 0, T, 137, null, true, killed)).problems()).as("the same kill").isEmpty();
        assertThat(at(4, running("m1", "mem", 0, T.plusSeconds(140))).healthy()).contains(key(SignalKind.CONTAINER_OOM_KILLED, "mem"));
    }

    @Test
    void aFailingHealthCheckIsConfirmedLikeAUrlAndItsStartPeriodIsUndecided() {
        assertThat(at(0, c("h1", "api", "running", 0, T, 0, "starting", false, null)).healthy())
                .doesNotContain(key(SignalKind.CONTAINER_UNHEALTHY, "api"));
        assertThat(at(1, c("h1", "api", "running", 0, T, 0, "unhealthy", false, null)).problems()).as("one failure").isEmpty();
        assertThat(at(2, c("h1", "api", "running", 0, T, 0, "unhealthy", false, null)).problems()).extracting(Signal::detail)
                .containsExactly("api fails its health check");
        // an extra poll (the event stream) does not count towards the streak
        assertThat(w.observe(List.of(c("h1", "api", "running", 0, T, 0, "healthy", false, null)), T.plusSeconds(70), false)
                .healthy()).doesNotContain(key(SignalKind.CONTAINER_UNHEALTHY, "api"));
        assertThat(at(3, c("h1", "api", "running", 0, T, 0, "healthy", false, null)).problems()).as("one success").hasSize(1);
        assertThat(at(4, c("h1", "api", "running", 0, T, 0, "healthy", false, null)).healthy())
                .contains(key(SignalKind.CONTAINER_UNHEALTHY, "api"));
    }

    @Test
    void aGoneContainerIsNoLongerDownAndForgottenRestartsRaiseNothing() {
        at(0, running("a1", "web", 0, T));
        at(1, running("a1", "web", 2, T.plusSeconds(40)));
        Reading gone = at(2);
        assertThat(gone.healthy()).contains(key(SignalKind.CONTAINER_RESTART_LOOP, "web"), key(SignalKind.CONTAINER_UNHEALTHY, "web"));

        ContainerWatcher fresh = new ContainerWatcher(2, 2);
        fresh.observe(List.of(running("x", "job", 0, T)), T, true);
        fresh.observe(List.of(running("x", "job", 1, T.plusSeconds(30))), T.plusSeconds(30), true);
        fresh.forgetRestarts(); // a maintenance window ended, or a step ran
        assertThat(fresh.observe(List.of(running("x", "job", 2, T.plusSeconds(60))), T.plusSeconds(60), true).problems())
                .as("only restarts after the window count").isEmpty();
        assertThat(fresh.observe(List.of(running("x", "job", 4, T.plusSeconds(90))), T.plusSeconds(90), true).problems()).hasSize(1);
    }
}
