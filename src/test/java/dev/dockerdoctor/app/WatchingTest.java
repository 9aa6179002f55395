package dev.dockerdoctor.app;

import dev.dockerdoctor.diagnosis.Doctor;
import dev.dockerdoctor.diagnosis.plan.PlanContext;
import dev.dockerdoctor.evidence.FakeDockerProbe;
import dev.dockerdoctor.model.DaemonState;
import dev.dockerdoctor.model.Diagnosis;
import dev.dockerdoctor.recovery.StepOutcome;
import dev.dockerdoctor.recovery.StepRunner;
import dev.dockerdoctor.slack.InMemoryReportStore;
import dev.dockerdoctor.slack.ReportStore;
import dev.dockerdoctor.testing.Snapshots;
import dev.dockerdoctor.watch.IncidentState;
import dev.dockerdoctor.watch.IncidentWatch;
import dev.dockerdoctor.watch.LogNotifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** serve's glue between the buttons and the incidents: the reports buttons resolve, and steps the incident hears of. */
class WatchingTest {
    private static final Diagnosis DRIFTED = Doctor.standard(PlanContext.defaults()).diagnose(Snapshots.host()
            .daemonOn("/var/lib/docker", 0, 0).root("/var/lib/docker", true, 0, 0, 0).root("/big/docker", false, 12, 5, 3, "gitlab")
            .build());

    @TempDir
    Path state;
    private Watching watching;

    private static DaemonState on(String root, int containers) {
        return new DaemonState(true, root, "overlay2", "20.10.9", containers, containers, 5, false, null, List.of());
    }

    /** A watch whose daemon moves to the empty default root at its second poll: an incident, diagnosed as drift. */
    private String openIncident() throws InterruptedException {
        IncidentWatch w = IncidentWatch.start(IncidentWatch.Config.of("h", Map.of(), Duration.ofMillis(50)), state,
                FakeDockerProbe.answering(on("/big/docker", 12), on("/var/lib/docker", 0)), since -> DRIFTED,
                new LogNotifier(), Clock.systemUTC());
        watching = new Watching(w, null, null);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while ((w.openIncident().isEmpty() || w.diagnosis(w.openIncident().get().id()).isEmpty()) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return w.openIncident().orElseThrow().id();
    }

    @AfterEach
    void stop() {
        if (watching != null) watching.close();
    }

    private static StepRunner answering(StepOutcome.Status status, List<String> calls) {
        return new StepRunner() {
            @Override
            public boolean mayRun(String user) {
                return true;
            }

            @Override
            public StepOutcome run(String stepId, String user, String reference, Consumer<String> progress) {
                calls.add(stepId + "@" + reference);
                return new StepOutcome(status, stepId, user, "summary", List.of(), null);
            }
        };
    }

    @Test
    void aStepRunFromTheIncidentThreadMakesTheIncidentMitigating() throws Exception {
        String id = openIncident();
        List<String> calls = new ArrayList<>();
        StepRunner steps = watching.tracking(answering(StepOutcome.Status.DONE, calls));

        steps.run("restore-data-root", "U0ALICE", id, line -> { });

        assertThat(calls).containsExactly("restore-data-root@" + id);
        assertThat(watching.watch().openIncident().orElseThrow().stepsRan()).containsExactly("restore-data-root");
        assertThat(watching.watch().openIncident().orElseThrow().state()).isEqualTo(IncidentState.MITIGATING);
    }

    @Test
    void aStepThatRanNothingOrBelongsToAReportLeavesTheIncidentAlone() throws Exception {
        String id = openIncident();
        List<String> calls = new ArrayList<>();
        watching.tracking(answering(StepOutcome.Status.NOT_NEEDED, calls)).run("restore-data-root", "U0ALICE", id, l -> { });
        watching.tracking(answering(StepOutcome.Status.DONE, calls)).run("start-docker", "U0ALICE", "r-20211007-064000-3f2a", l -> { });
        assertThat(calls).hasSize(2);
        assertThat(watching.watch().openIncident().orElseThrow().stepsRan()).isEmpty();
        assertThat(watching.tracking(answering(StepOutcome.Status.DONE, calls)).run("x", "U", "inc-none", l -> { }).status())
                .as("a reference that names no incident: the step still runs").isEqualTo(StepOutcome.Status.DONE);
    }

    @Test
    void buttonsFindAnOpenIncidentByItsIdAndEverythingElseInTheReports() throws Exception {
        String id = openIncident();
        ReportStore reports = new InMemoryReportStore(10);
        String reportId = reports.save(DRIFTED).id();
        ReportStore both = watching.reports(reports);

        assertThat(both.find(id)).hasValueSatisfying(r -> assertThat(r.step("restore-data-root")).isPresent());
        assertThat(both.find(reportId)).isPresent();
        assertThat(both.find("inc-19700101-000000")).isEmpty();
    }
}
