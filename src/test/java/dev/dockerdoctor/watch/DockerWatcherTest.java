package dev.dockerdoctor.watch;

import dev.dockerdoctor.testing.TestClock;
import dev.dockerdoctor.evidence.FakeDockerProbe;
import dev.dockerdoctor.model.DaemonState;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DockerWatcherTest {
    private final TestClock clock = TestClock.at("2021-10-07T06:00:00Z");

    private static DaemonState daemon(String root, int containers) {
        return new DaemonState(true, root, "overlay2", "20.10.9", containers, containers, 5, false, null, List.of());
    }

    private static DaemonState down() {
        return DaemonState.unreachable("no Docker daemon at unix:///var/run/docker.sock (connection refused)");
    }

    private static List<SignalKind> kinds(Reading r) {
        return r.problems().stream().map(Signal::kind).toList();
    }

    private List<Reading> polls(DockerWatcher w, int n) {
        List<Reading> out = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            clock.seconds(15);
            out.add(w.poll());
        }
        return out;
    }

    @Test
    void aSteadyDaemonIsHealthyOnEveryKey() {
        DockerWatcher w = new DockerWatcher(FakeDockerProbe.answering(daemon("/big/docker", 12)), clock, 2, 2, null);
        for (Reading r : polls(w, 5)) {
            assertThat(r.problems()).isEmpty();
            assertThat(r.healthy()).extracting(SignalKey::toString)
                    .containsExactlyInAnyOrder("daemon-unreachable:daemon", "data-root-changed:data-root", "containers-collapsed:containers");
        }
        assertThat(w.baseline().root()).isEqualTo("/big/docker");
        assertThat(w.baseline().containers()).isEqualTo(12);
    }

    @Test
    void aDaemonBackOnTheDefaultRootWithNoContainersIsARootChangeAndACollapse() {
        FakeDockerProbe probe = FakeDockerProbe.answering(daemon("/big/docker", 12), daemon("/big/docker", 12),
                daemon("/var/lib/docker", 0));
        DockerWatcher w = new DockerWatcher(probe, clock, 2, 2, null);
        List<Reading> r = polls(w, 4);

        assertThat(r.get(1).problems()).isEmpty();
        assertThat(kinds(r.get(2))).containsExactly(SignalKind.DATA_ROOT_CHANGED, SignalKind.CONTAINERS_COLLAPSED);
        assertThat(r.get(2).problems()).extracting(Signal::detail).containsExactly(
                "Docker's root directory changed from /big/docker to /var/lib/docker", "containers went from 12 to 0");
        assertThat(kinds(r.get(3))).as("it stays a problem").hasSize(2);
        assertThat(w.baseline().root()).as("the baseline remembers the good root").isEqualTo("/big/docker");
    }

    @Test
    void underATenthOfTheContainersIsACollapseAndATenthIsNot() {
        DockerWatcher w = new DockerWatcher(FakeDockerProbe.answering(daemon("/r", 40), daemon("/r", 3)), clock, 2, 2, null);
        assertThat(kinds(polls(w, 2).get(1))).containsExactly(SignalKind.CONTAINERS_COLLAPSED);

        DockerWatcher w2 = new DockerWatcher(FakeDockerProbe.answering(daemon("/r", 40), daemon("/r", 4)), clock, 2, 2, null);
        assertThat(polls(w2, 2).get(1).problems()).isEmpty();
        assertThat(w2.baseline().containers()).as("a normal shrink is the new normal").isEqualTo(4);
    }

    @Test
    void anUnreachableDaemonIsConfirmedAfterTwoPollsDatedByTheFirst() {
        DockerWatcher w = new DockerWatcher(FakeDockerProbe.answering(daemon("/r", 3), down()), clock, 2, 2, null);
        List<Reading> r = polls(w, 3);
        assertThat(r.get(1).problems()).as("one failed poll is a blip").isEmpty();
        assertThat(r.get(1).healthy()).as("and undecided").isEmpty();
        assertThat(kinds(r.get(2))).containsExactly(SignalKind.DAEMON_UNREACHABLE);
        Signal s = r.get(2).problems().get(0);
        assertThat(s.detail()).isEqualTo("Docker daemon unreachable: no Docker daemon at unix:///var/run/docker.sock (connection refused)");
        assertThat(s.time()).isEqualTo(clock.instant().minusSeconds(15));
    }

    @Test
    void aHostWhereDockerNeverAnsweredRaisesNothing() {
        DockerWatcher w = new DockerWatcher(FakeDockerProbe.answering(down()), clock, 2, 2, null);
        assertThat(polls(w, 5)).allMatch(r -> r.problems().isEmpty());
    }

    @Test
    void aRememberedBaselineMakesADownDaemonAProblemRightAfterARestartOfTheBot() {
        DockerBaseline remembered = new DockerBaseline("/big/docker", 12, clock.instant().minusSeconds(3600));
        DockerWatcher w = new DockerWatcher(FakeDockerProbe.answering(down()), clock, 2, 2, remembered);
        assertThat(kinds(polls(w, 2).get(1))).containsExactly(SignalKind.DAEMON_UNREACHABLE);

        DockerWatcher w2 = new DockerWatcher(FakeDockerProbe.answering(daemon("/var/lib/docker", 0)), clock, 2, 2, remembered);
        assertThat(kinds(polls(w2, 1).get(0))).containsExactly(SignalKind.DATA_ROOT_CHANGED, SignalKind.CONTAINERS_COLLAPSED);
    }

    @Test
    void theDaemonIsUpAgainAfterTwoAnswersAndTheRootBackClearsTheChange() {
        FakeDockerProbe probe = FakeDockerProbe.answering(daemon("/big", 12), down(), down(), daemon("/big", 12), daemon("/big", 12));
        DockerWatcher w = new DockerWatcher(probe, clock, 2, 2, null);
        List<Reading> r = polls(w, 5);
        assertThat(kinds(r.get(2))).containsExactly(SignalKind.DAEMON_UNREACHABLE);
        assertThat(kinds(r.get(3))).as("one answer is not yet up").containsExactly(SignalKind.DAEMON_UNREACHABLE);
        assertThat(r.get(3).healthy()).extracting(SignalKey::kind).contains(SignalKind.DATA_ROOT_CHANGED);
        assertThat(r.get(4).problems()).isEmpty();
    }

    @Test
    void adoptingTheCurrentStateEndsARootChangeMadeOnPurpose() {
        DockerWatcher w = new DockerWatcher(FakeDockerProbe.answering(daemon("/old", 5), daemon("/new", 5)), clock, 2, 2, null);
        assertThat(kinds(polls(w, 2).get(1))).containsExactly(SignalKind.DATA_ROOT_CHANGED);
        w.adoptCurrent();
        assertThat(w.baseline().root()).isEqualTo("/new");
        assertThat(polls(w, 1).get(0).problems()).isEmpty();
    }

    @Test
    void extraPollsAroundARestartDoNotCountTowardsAnOutageButStillSeeTheRootMove() {
        DockerWatcher w = new DockerWatcher(FakeDockerProbe.answering(daemon("/big", 12)), clock, 2, 2, null);
        w.poll();
        clock.seconds(1);
        assertThat(w.observe(down(), false).problems()).isEmpty();
        clock.seconds(1);
        assertThat(w.observe(down(), false).problems()).as("two extra polls a second apart are no outage").isEmpty();
        clock.seconds(1);
        Reading moved = w.observe(daemon("/var/lib/docker", 0), false);
        assertThat(kinds(moved)).containsExactly(SignalKind.DATA_ROOT_CHANGED, SignalKind.CONTAINERS_COLLAPSED);
        assertThat(w.daemonStatus()).isEqualTo(WatchState.Status.UP);
    }
}
