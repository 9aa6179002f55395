package dev.dockerdoctor.app;

import dev.dockerdoctor.fleet.LinkMessage;
import dev.dockerdoctor.model.Diagnosis;
import dev.dockerdoctor.recovery.StepOutcome;
import dev.dockerdoctor.recovery.StepRunner;
import dev.dockerdoctor.slack.InMemoryReportStore;
import dev.dockerdoctor.slack.ReportStore;
import dev.dockerdoctor.slack.StoredReport;
import dev.dockerdoctor.slack.TestDiagnoses;
import dev.dockerdoctor.store.StateJson;
import dev.dockerdoctor.testing.RecordingNotifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which host a button's click belongs to: {@code HOST:INCIDENT} is an agent's, anything else this host's; an
 * agent's that cannot reach its host runs nothing anywhere, and its report resolves from what the agent told.
 */
class FleetButtonsTest {
    @TempDir Path state;

    /** This host's runner, recording what it was asked. */
    static final class LocalSteps implements StepRunner {
        final List<String> ran = new ArrayList<>();

        @Override
        public boolean mayRun(String user) {
            return "U0ALICE".equals(user);
        }

        @Override
        public StepOutcome run(String stepId, String user, String reference, Consumer<String> progress) {
            ran.add(stepId + "@" + reference);
            return new StepOutcome(StepOutcome.Status.DONE, stepId, user, "ran here", List.of(), null);
        }
    }

    @Test
    void aReportIdNamingAHostIsThatHostsAndEveryOtherIsOurs() {
        assertThat(FleetButtons.remote("cache-1:inc-20211007-062112")).hasValueSatisfying(
                p -> assertThat(p).containsExactly("cache-1", "inc-20211007-062112"));
        assertThat(FleetButtons.remote("web.example.org:inc-1")).isPresent();
        assertThat(FleetButtons.remote("inc-20211007-062112")).isEmpty();
        assertThat(FleetButtons.remote("r-3f9a")).isEmpty();
        assertThat(FleetButtons.remote(":inc-1")).isEmpty();
        assertThat(FleetButtons.remote("Not A Host:inc-1")).as("not a host name").isEmpty();
        assertThat(FleetButtons.remote(null)).isEmpty();
    }

    @Test
    void ourClicksRunHereAndAnAgentsRunNowhereWhileItsHostIsAway() {
        LocalSteps local = new LocalSteps();
        FleetButtons fleet = new FleetButtons(new HubIncidents(state, h -> new RecordingNotifier()), Clock.systemUTC(), "hub", java.util.Optional::empty);
        StepRunner steps = fleet.steps(local);
        assertThat(steps.mayRun("U0ALICE")).isTrue();
        assertThat(steps.mayRun("U0BOB")).as("the hub's admins are asked first").isFalse();

        assertThat(steps.run("restore-data-root", "U0ALICE", "inc-1", l -> { }).status()).isEqualTo(StepOutcome.Status.DONE);
        StepOutcome away = steps.run("restore-data-root", "U0ALICE", "cache-1:inc-1", l -> { });
        assertThat(away.status()).isEqualTo(StepOutcome.Status.REFUSED);
        assertThat(away.summary()).contains("cache-1", "not connected", "nothing ran");
        assertThat(local.ran).as("only our own incident's step ran here").containsExactly("restore-data-root@inc-1");
    }

    @Test
    void anAgentsReportIsTheDiagnosisItToldWithItsIncident() {
        HubIncidents incidents = new HubIncidents(state, h -> new RecordingNotifier());
        FleetButtons fleet = new FleetButtons(incidents, Clock.systemUTC(), "hub", java.util.Optional::empty);
        ReportStore ours = new InMemoryReportStore(16);
        ReportStore reports = fleet.reports(ours);
        StoredReport mine = reports.save(TestDiagnoses.healthy());
        assertThat(reports.find(mine.id())).isPresent();
        assertThat(reports.find("cache-1:inc-1")).as("nothing told yet, no link").isEmpty();

        Diagnosis told = TestDiagnoses.incident();
        incidents.notice("cache-1", new LinkMessage.Notice("n1", LinkMessage.NoticeKind.OPENED,
                HubIncidentsTest.incident("inc-1", "cache-1"), StateJson.MAPPER.valueToTree(told), null, 0));
        assertThat(reports.find("cache-1:inc-1")).hasValueSatisfying(r -> {
            assertThat(r.id()).isEqualTo("cache-1:inc-1");
            assertThat(r.diagnosis().findings()).extracting(f -> f.id())
                    .containsExactlyElementsOf(told.findings().stream().map(f -> f.id()).toList());
        });
        assertThat(reports.find("web-2:inc-1")).as("another host's incident of the same id").isEmpty();

        incidents.notice("cache-1", new LinkMessage.Notice("n2", LinkMessage.NoticeKind.RESOLVED,
                HubIncidentsTest.incident("inc-1", "cache-1"), null, null, 0));
        assertThat(reports.find("cache-1:inc-1")).as("a resolved incident's buttons resolve no more").isEmpty();
    }

    @Test
    void anAgentsAcknowledgeIsOpenWhileItsIncidentIsAndNeverReachesOurWatch() {
        HubIncidents incidents = new HubIncidents(state, h -> new RecordingNotifier());
        List<String> ours = new ArrayList<>();
        dev.dockerdoctor.slack.WatchDesk local = new dev.dockerdoctor.slack.WatchDesk() {
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
                ours.add(incidentId);
                return true;
            }
        };
        dev.dockerdoctor.slack.WatchDesk desk = new FleetButtons(incidents, Clock.systemUTC(), "hub", java.util.Optional::empty).desk(local);
        assertThat(desk.isOpen("inc-1")).isTrue();
        assertThat(desk.isOpen("cache-1:inc-1")).as("not posted: not open").isFalse();
        incidents.notice("cache-1", new LinkMessage.Notice("n1", LinkMessage.NoticeKind.OPENED,
                HubIncidentsTest.incident("inc-1", "cache-1"), null, null, 0));
        assertThat(desk.isOpen("cache-1:inc-1")).isTrue();
        assertThat(desk.acknowledge("cache-1:inc-1", "U0BOB", "on it")).as("no link: not kept").isFalse();
        assertThat(ours).as("the same id on our host is another incident").isEmpty();
        incidents.notice("cache-1", new LinkMessage.Notice("n2", LinkMessage.NoticeKind.RESOLVED,
                HubIncidentsTest.incident("inc-1", "cache-1"), null, null, 0));
        assertThat(desk.isOpen("cache-1:inc-1")).isFalse();
        assertThat(desk.acknowledge("inc-1", "U0BOB", "on it")).isTrue();
        assertThat(ours).containsExactly("inc-1");
    }
}
