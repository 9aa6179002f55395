package dev.dockerdoctor.watch;

import dev.dockerdoctor.testing.Eventually;
import dev.dockerdoctor.testing.FlakyService;
import dev.dockerdoctor.testing.RecordingNotifier;
import dev.dockerdoctor.testing.SwitchableDockerProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static dev.dockerdoctor.testing.RecordingNotifier.Op.OPENED;
import static dev.dockerdoctor.testing.RecordingNotifier.Op.RESOLVED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole loop against a real HTTP service on 127.0.0.1 that the test breaks, at a 200 ms interval: how long from
 * the outage to the notification, that a healthy service raises nothing, that a long outage is one root message.
 */
class IncidentWatchIT {
    private static final Duration INTERVAL = Duration.ofMillis(200);
    private static final int TRIALS = 3;

    @TempDir
    Path tmp;

    private IncidentWatch start(Path state, FlakyService gitlab, RecordingNotifier chat, Diagnoses diagnoses) {
        IncidentWatch.Config config = IncidentWatch.Config.of("docker-host", Map.of("gitlab", gitlab.uri()), INTERVAL);
        return IncidentWatch.start(config, state, new SwitchableDockerProbe(SwitchableDockerProbe.on("/big/docker", 12)),
                diagnoses, chat, Clock.systemUTC());
    }

    @Test
    void aHealthyServicePolledForTwentyIntervalsRaisesNothing() throws Exception {
        try (FlakyService gitlab = FlakyService.start()) {
            RecordingNotifier chat = new RecordingNotifier();
            Diagnoses diagnoses = new Diagnoses(Diagnoses::healthy);
            Path state = Files.createDirectories(tmp.resolve("healthy"));
            IncidentWatch w = start(state, gitlab, chat, diagnoses);
            try {
                Thread.sleep(INTERVAL.multipliedBy(21).toMillis()); // the first check comes after one interval
            } finally {
                w.close();
            }
            System.out.printf("healthy service: %d requests in 20 intervals, %d notifications%n", gitlab.requests(), chat.calls().size());
            assertThat(gitlab.requests()).isBetween(20, 22);
            assertThat(chat.calls()).isEmpty();
            assertThat(w.openIncident()).isEmpty();
            assertThat(diagnoses.runs()).as("no incident, no diagnosis").isZero();
        }
    }

    @Test
    void outageToNotificationWithinTwoIntervalsAndASecondRefusedOr500Or404() throws Exception {
        Duration budget = INTERVAL.multipliedBy(2).plusSeconds(1);
        measure("refused", FlakyService::refuse, budget);
        measure("HTTP 500", s -> s.answer(500), budget);
        measure("HTTP 404", s -> s.answer(404), budget);
    }

    @Test
    void outageToNotificationForAHangingServiceAddsTheProbeTimeout() throws Exception {
        Duration timeout = IncidentWatch.Config.of("h", Map.of(), INTERVAL).probeTimeout();
        measure("hang", FlakyService::hang, INTERVAL.multipliedBy(2).plusSeconds(1).plus(timeout));
    }

    private void measure(String what, Consumer<FlakyService> breakIt, Duration budget) throws Exception {
        List<Long> latencies = new ArrayList<>();
        List<Long> recoveries = new ArrayList<>();
        for (int trial = 0; trial < TRIALS; trial++) {
            try (FlakyService gitlab = FlakyService.start()) {
                RecordingNotifier chat = new RecordingNotifier();
                Diagnoses diagnoses = new Diagnoses(Diagnoses::healthy);
                IncidentWatch w = start(Files.createDirectories(tmp.resolve(what.replace(' ', '-') + "-" + trial)), gitlab, chat, diagnoses);
                try {
                    Thread.sleep(INTERVAL.multipliedBy(3).toMillis() + 37L * trial); // healthy, at another phase each time
                    long broke = System.nanoTime();
                    breakIt.accept(gitlab);
                    Eventually.await(what + ": the incident is posted", budget.plusSeconds(5), () -> !chat.succeeded(OPENED).isEmpty());
                    latencies.add((chat.succeeded(OPENED).get(0).nanos() - broke) / 1_000_000);

                    long fixed = System.nanoTime();
                    gitlab.answer(200);
                    Eventually.await(what + ": resolved", Duration.ofSeconds(10), () -> !chat.succeeded(RESOLVED).isEmpty());
                    recoveries.add((chat.succeeded(RESOLVED).get(0).nanos() - fixed) / 1_000_000);
                    assertThat(chat.calls(OPENED)).hasSize(1);
                } finally {
                    w.close();
                }
            }
        }
        System.out.printf("%-8s outage -> root message: %s ms (budget %d ms); service back -> resolved: %s ms%n",
                what, latencies, budget.toMillis(), recoveries);
        assertThat(latencies).allMatch(ms -> ms <= budget.toMillis());
    }

    @Test
    void aLongOutageIsOneRootMessageUpdatedNotAStreamOfPosts() throws Exception {
        try (FlakyService gitlab = FlakyService.start()) {
            RecordingNotifier chat = new RecordingNotifier();
            Diagnoses diagnoses = new Diagnoses(Diagnoses::drifted);
            IncidentWatch w = start(Files.createDirectories(tmp.resolve("long")), gitlab, chat, diagnoses);
            try {
                Thread.sleep(INTERVAL.multipliedBy(2).toMillis());
                gitlab.answer(404);
                Thread.sleep(INTERVAL.multipliedBy(40).toMillis());
                Incident open = w.openIncident().orElseThrow();
                System.out.printf("long outage (40 intervals): %d root message, %d updates, %d diagnoses%n",
                        chat.calls(OPENED).size(), chat.calls(RecordingNotifier.Op.UPDATED).size(), diagnoses.runs());
                assertThat(chat.calls(OPENED)).hasSize(1);
                assertThat(chat.calls(RecordingNotifier.Op.UPDATED)).hasSizeLessThanOrEqualTo(2);
                assertThat(open.activeSignals()).extracting(SignalRecord::detail).containsExactly("gitlab answered 404");
                assertThat(open.verdict().critical()).contains("data-root-drift");
            } finally {
                w.close();
            }
        }
    }
}
