package dev.dockerdoctor.diagnosis;

import dev.dockerdoctor.diagnosis.plan.PlanContext;
import dev.dockerdoctor.diagnosis.plan.Planner;
import dev.dockerdoctor.model.Evidence;
import dev.dockerdoctor.model.Finding;
import dev.dockerdoctor.model.HostSnapshot;
import dev.dockerdoctor.model.Severity;
import dev.dockerdoctor.model.Step;
import dev.dockerdoctor.model.StepFamily;
import dev.dockerdoctor.model.StepId;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.dockerdoctor.testing.Snapshots.host;
import static org.assertj.core.api.Assertions.assertThat;

class PlannerTest {
    private final Planner planner = new Planner(PlanContext.defaults());

    private static Finding asking(String id, Severity sev, String... steps) {
        return new Finding(id, sev, id, id, List.of(new Evidence("test", "x")), List.of(steps));
    }

    @Test
    void stepsComeInTheSafeOrderWhateverOrderTheFindingsAskedIn() {
        HostSnapshot s = host().daemonOn("/var/lib/docker", 0, 0).process(1, "/usr/bin/dockerd")
                .root("/var/lib/docker", true, 0, 0, 0).root("/srv/docker", false, 5, 5, 1).build();
        List<Step> plan = planner.plan(s, List.of(
                asking("live-restore-disabled", Severity.INFO, "enable-live-restore"),
                asking("data-root-drift", Severity.CRITICAL, "restore-data-root")));
        assertThat(plan).extracting(Step::id).containsExactly("restore-data-root", "enable-live-restore");
    }

    @Test
    void ranksFollowTheDocumentedOrderWithDisablingTheTimerLast() {
        assertThat(StepId.rank("mount-data-root-disk")).isLessThan(StepId.rank("restore-data-root"));
        assertThat(StepId.rank("restore-data-root")).isLessThan(StepId.rank("compose-up:gitlab"));
        assertThat(StepId.rank("compose-up:gitlab")).isLessThan(StepId.rank("hold-docker-packages"));
        assertThat(StepFamily.values()[StepFamily.values().length - 1].id()).isEqualTo("disable-apt-daily-upgrade");
        assertThat(StepId.familyPart("compose-up:gitlab")).isEqualTo("compose-up");
        assertThat(StepId.parameterPart("compose-up:gitlab")).isEqualTo("gitlab");
    }

    @Test
    void aStepTwoFindingsAskForIsPlannedOnce() {
        HostSnapshot s = host().daemonOn("/var/lib/docker", 0, 0)
                .root("/var/lib/docker", true, 0, 0, 0).root("/srv/docker", false, 5, 5, 1).build();
        List<Step> plan = planner.plan(s, List.of(asking("a", Severity.CRITICAL, "restore-data-root"),
                asking("b", Severity.WARNING, "restore-data-root")));
        assertThat(plan).extracting(Step::id).containsExactly("restore-data-root");
    }

    @Test
    void noRestoreStepWithoutARootToGoBackTo() {
        HostSnapshot s = host().daemonOn("/var/lib/docker", 0, 0).root("/var/lib/docker", true, 0, 0, 0).build();
        assertThat(planner.plan(s, List.of(asking("data-root-drift", Severity.CRITICAL, "restore-data-root")))).isEmpty();
    }
}
