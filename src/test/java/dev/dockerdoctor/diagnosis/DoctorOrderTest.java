package dev.dockerdoctor.diagnosis;

import dev.dockerdoctor.diagnosis.facts.Facts;
import dev.dockerdoctor.diagnosis.plan.PlanContext;
import dev.dockerdoctor.diagnosis.plan.Planner;
import dev.dockerdoctor.diagnosis.rules.DataRootDriftRule;
import dev.dockerdoctor.diagnosis.rules.FindingTrait;
import dev.dockerdoctor.diagnosis.rules.LiveRestoreDisabledRule;
import dev.dockerdoctor.diagnosis.rules.Rule;
import dev.dockerdoctor.model.Evidence;
import dev.dockerdoctor.model.Finding;
import dev.dockerdoctor.model.HostSnapshot;
import dev.dockerdoctor.model.Severity;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static dev.dockerdoctor.testing.Snapshots.host;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Facts, then rules, then the plan: the root rules settle the verdict once and the others read it. */
class DoctorOrderTest {
    private static final HostSnapshot DRIFTED = host().daemonOn("/var/lib/docker", 0, 0).process(1, "/usr/bin/dockerd")
            .root("/var/lib/docker", true, 0, 0, 0).root("/srv/docker", false, 5, 5, 1).build();
    private static final HostSnapshot RIGHT = host().daemonOn("/srv/docker", 5, 5).process(1, "/usr/bin/dockerd")
            .root("/srv/docker", true, 5, 5, 1).build();

    /** A rule that says what it was told, counting how often it ran. */
    private static final class Recorder implements Rule {
        final List<Boolean> verdicts = new ArrayList<>();
        final Set<FindingTrait> traits;

        Recorder(Set<FindingTrait> traits) {
            this.traits = traits;
        }

        @Override
        public String id() { return "recorder"; }

        @Override
        public Set<FindingTrait> traits() { return traits; }

        @Override
        public List<Finding> check(HostSnapshot s, Facts facts) {
            verdicts.add(facts.rootNotRight());
            return List.of(new Finding(id(), Severity.INFO, "t", "d", List.of(new Evidence("e", "v")), List.of()));
        }
    }

    @Test
    void aRuleAfterTheRootRulesReadsTheirVerdictAndRunsOnce() {
        Recorder late = new Recorder(Set.of());
        // the recorder comes first in the list, yet it must see the verdict of the drift rule after it
        new Doctor(List.of(late, new DataRootDriftRule()), new Planner(PlanContext.defaults())).diagnose(DRIFTED);
        new Doctor(List.of(late, new DataRootDriftRule()), new Planner(PlanContext.defaults())).diagnose(RIGHT);
        assertThat(late.verdicts).containsExactly(true, false);
    }

    @Test
    void aRootRuleCannotReadTheVerdictItIsPartOf() {
        Recorder root = new Recorder(Set.of(FindingTrait.ROOT_NOT_RIGHT));
        Doctor doctor = new Doctor(List.of(root), new Planner(PlanContext.defaults()));
        assertThatThrownBy(() -> doctor.diagnose(RIGHT)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot read it");
    }

    @Test
    void findingsKeepTheRulesOrderWithinASeverity() {
        Recorder late = new Recorder(Set.of());
        List<Finding> fs = new Doctor(List.of(late, new LiveRestoreDisabledRule()), new Planner(PlanContext.defaults()))
                .diagnose(host().daemonOn("/srv/docker", 5, 5).root("/srv/docker", true, 5, 5, 1).build()).findings();
        assertThat(fs).extracting(Finding::id).startsWith("recorder");
    }

    @Test
    void theFactsSayWhereTheRootShouldBeAndThatItIsNotThere() {
        Facts f = Doctor.facts(DRIFTED);
        assertThat(f.restoreTarget()).contains("/srv/docker");
        assertThat(f.rootNotRight()).isTrue();
        assertThat(f.liveRootElsewhere()).isTrue();
        assertThat(Doctor.facts(RIGHT).rootNotRight()).isFalse();
    }
}
