package dev.dockerdoctor.watch;

import dev.dockerdoctor.app.Agent;
import dev.dockerdoctor.app.Settings;
import dev.dockerdoctor.evidence.DockerEvents;
import dev.dockerdoctor.evidence.DockerJavaProbe;
import dev.dockerdoctor.testing.BusyboxImage;
import dev.dockerdoctor.testing.Eventually;
import dev.dockerdoctor.testing.PrivateDockerd;
import dev.dockerdoctor.testing.RecordingNotifier;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.dockerdoctor.testing.RecordingNotifier.Op.OPENED;
import static dev.dockerdoctor.testing.RecordingNotifier.Op.RESOLVED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Docker side against a real private dockerd: the story's restart without --data-root seen by the watcher,
 * then the whole loop (real probe, real agent, the event stream, a recording chat) from the restart to the
 * resolution after the test puts the daemon back.
 */
class DockerWatcherIT {

    private static void twoContainers(PrivateDockerd d) {
        d.dockerOk("run", "-d", "--name", "gitlab", "--network", "none", BusyboxImage.NAME, "sleep", "3600");
        d.dockerOk("create", "--name", "runner", "--network", "none", BusyboxImage.NAME, "sleep", "3600");
    }

    private static List<SignalKind> kinds(Reading r) {
        return r.problems().stream().map(Signal::kind).toList();
    }

    @Test
    void aDaemonRestartedWithoutItsDataRootIsARootChangeAndACollapseThenDownThenFine() {
        try (PrivateDockerd d = PrivateDockerd.builder().dataRoot(Path.of("big")).start();
             DockerJavaProbe probe = new DockerJavaProbe(d.host())) {
            List<String> bigFlags = d.flags();
            Path big = d.dataRoot();
            twoContainers(d);
            DockerWatcher w = new DockerWatcher(probe, Clock.systemUTC(), 2, 2, null);
            assertThat(w.poll().problems()).isEmpty();
            assertThat(w.baseline()).extracting(DockerBaseline::root, DockerBaseline::containers).containsExactly(big.toString(), 2);

            d.restartWithout("--data-root");
            Reading moved = w.poll();
            assertThat(kinds(moved)).containsExactly(SignalKind.DATA_ROOT_CHANGED, SignalKind.CONTAINERS_COLLAPSED);
            assertThat(moved.problems()).extracting(Signal::detail).containsExactly(
                    "Docker's root directory changed from " + big + " to " + d.dataRoot(), "containers went from 2 to 0");

            d.stop();
            assertThat(w.poll().problems()).as("one failed poll is a blip").isEmpty();
            Reading down = w.poll();
            assertThat(kinds(down)).containsExactly(SignalKind.DAEMON_UNREACHABLE);
            assertThat(down.problems().get(0).detail()).startsWith("Docker daemon unreachable: no Docker daemon at " + d.host());

            d.start(bigFlags);
            assertThat(kinds(w.poll())).as("answering once is not yet up").containsExactly(SignalKind.DAEMON_UNREACHABLE);
            Reading back = w.poll();
            assertThat(back.problems()).isEmpty();
            assertThat(back.healthy()).contains(new SignalKey(SignalKind.DAEMON_UNREACHABLE, DockerWatcher.DAEMON),
                    new SignalKey(SignalKind.DATA_ROOT_CHANGED, DockerWatcher.DATA_ROOT),
                    new SignalKey(SignalKind.CONTAINERS_COLLAPSED, DockerWatcher.CONTAINERS));
            assertThat(back.healthy()).as("and each container's own signals")
                    .filteredOn(k -> k.kind() == SignalKind.CONTAINER_RESTART_LOOP).hasSize(2);
        }
    }

    @Test
    void theWholeLoopOpensOnTheEventStreamLongBeforeTheIntervalAndResolvesWhenTheRootIsBack() throws Exception {
        try (PrivateDockerd d = PrivateDockerd.builder().dataRoot(Path.of("big")).start();
             DockerJavaProbe probe = new DockerJavaProbe(d.host())) {
            List<String> bigFlags = d.flags();
            twoContainers(d);
            Path state = Files.createDirectories(d.base().resolve("doctor-state"));
            Settings settings = Settings.fromEnv(Map.of("DOCKER_HOST", d.host(), "DOCTOR_DATA_ROOT_SEARCH", d.base().toString()));
            RecordingNotifier chat = new RecordingNotifier();
            Duration interval = Duration.ofSeconds(60); // so that only the event stream can be this quick
            IncidentWatch.Config config = IncidentWatch.Config.of("docker-host", Map.of(), interval).withRefresh(Duration.ofSeconds(2));
            try (Agent agent = new Agent(settings, Map.of(), () -> probe, Clock.systemUTC(), state);
                 IncidentWatch watch = IncidentWatch.start(config, state, probe, agent::diagnose, chat, Clock.systemUTC());
                 DockerEvents events = (DockerEvents) probe.follow(watch::pollDockerSoon, Duration.ofSeconds(2))) {
                Eventually.await("subscribed", Duration.ofSeconds(10), () -> events.subscriptions() == 1);
                Thread.sleep(500); // the first poll has taken the baseline

                long restarted = System.nanoTime();
                d.restartWithout("--data-root");
                long up = System.nanoTime();
                Eventually.await("the incident is posted", Duration.ofSeconds(30), () -> !chat.succeeded(OPENED).isEmpty());
                long posted = chat.succeeded(OPENED).get(0).nanos();
                Eventually.await("the diagnosis reaches the thread", Duration.ofSeconds(60),
                        () -> watch.openIncident().map(i -> i.verdict() != null && !i.needsUpdate()).orElse(false));
                Incident open = watch.openIncident().orElseThrow();
                System.out.printf("restart without --data-root took %d ms; root message %d ms after dockerd answered again"
                                + " (interval %d s); verdict: %s, plan %s%n",
                        (up - restarted) / 1_000_000, (posted - up) / 1_000_000, interval.toSeconds(),
                        open.verdict().likelyCause(), open.verdict().plan());
                assertThat((posted - up) / 1_000_000).as("the event stream, not the 60 s interval").isLessThan(10_000);
                assertThat(events.subscriptions()).as("resubscribed after the restart").isGreaterThanOrEqualTo(2);
                assertThat(open.activeSignals()).extracting(SignalRecord::kind)
                        .contains(SignalKind.DATA_ROOT_CHANGED, SignalKind.CONTAINERS_COLLAPSED);
                assertThat(open.signals()).extracting(SignalRecord::kind).as("the restart itself was a blip")
                        .doesNotContain(SignalKind.DAEMON_UNREACHABLE);
                assertThat(open.verdict().critical()).contains("data-root-drift");
                assertThat(open.verdict().plan()).first().isEqualTo("restore-data-root");

                long fixing = System.nanoTime();
                d.restart(bigFlags);
                Eventually.await("resolved", Duration.ofSeconds(60), () -> !chat.succeeded(RESOLVED).isEmpty());
                Incident done = watch.incident(open.id()).orElseThrow();
                System.out.printf("daemon put back: resolved %d ms after the restart began; outage %s%n",
                        (chat.succeeded(RESOLVED).get(0).nanos() - fixing) / 1_000_000, Durations.words(done.duration()));
                assertThat(done.state()).isEqualTo(IncidentState.RESOLVED);
                assertThat(chat.calls(OPENED)).hasSize(1);
                assertThat(chat.succeeded(RESOLVED).get(0).ts()).isEqualTo(chat.succeeded(OPENED).get(0).ts());
            }
        }
    }
}
