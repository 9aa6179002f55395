package dev.dockerdoctor.diagnosis;

import dev.dockerdoctor.diagnosis.rules.FindingTrait;
import dev.dockerdoctor.diagnosis.rules.Rule;
import dev.dockerdoctor.diagnosis.rules.Rules;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The traits the rules declare are the sets the planner, last known good and the views used to spell out. */
class RuleTraitsTest {
    @Test
    void everyRuleHasItsOwnId() {
        assertThat(Rules.all().stream().map(Rule::id).distinct()).hasSize(Rules.all().size());
    }

    @Test
    void servicesWaitWhileTheRootIsDriftedInConflictUnmountedOnAnotherDriverOrStopped() {
        assertThat(Rules.idsWith(FindingTrait.ROOT_NOT_RIGHT)).containsExactlyInAnyOrder("data-root-drift",
                "data-root-conflict", "data-root-disk-not-mounted", "storage-driver-changed", "containerd-image-store-switched", "docker-left-stopped");
        assertThat(Rules.idsWith(FindingTrait.LIVE_ROOT_ELSEWHERE)).containsExactlyInAnyOrder("data-root-drift",
                "data-root-disk-not-mounted");
    }

    @Test
    void adviceDoesNotDisqualifyALastKnownGoodButABrokenRootOrDaemonDoes() {
        assertThat(Rules.idsWith(FindingTrait.DISQUALIFIES_LAST_KNOWN_GOOD)).containsExactlyInAnyOrder(
                "daemon-unreachable", "data-root-drift", "data-root-conflict", "daemon-json-invalid",
                "storage-driver-changed", "containerd-image-store-switched", "data-root-disk-not-mounted", "docker-left-stopped", "daemon-json-replaced",
                "data-root-flag-lost")
                .doesNotContain("live-restore-disabled", "low-disk", "data-root-in-vendor-unit");
    }

    @Test
    void theRootAndComposeViewsShowTheirOwnFindings() {
        assertThat(Rules.idsWith(FindingTrait.ROOT_VIEW)).containsExactlyInAnyOrder("data-root-drift",
                "data-root-conflict", "data-root-in-vendor-unit", "data-root-disk-not-mounted", "storage-driver-changed", "containerd-image-store-switched",
                "daemon-json-replaced", "data-root-flag-lost", "docker-left-stopped", "daemon-unreachable", "low-disk",
                "docker-disk-pressure");
        assertThat(Rules.idsWith(FindingTrait.COMPOSE_VIEW)).containsExactlyInAnyOrder("compose-services-down",
                "named-volumes-at-risk", "compose-file-invalid", "bind-mount-source-missing");
    }

    @Test
    void everyRootNotRightFindingKeepsARunFromBeingKnownGood() {
        assertThat(Rules.idsWith(FindingTrait.DISQUALIFIES_LAST_KNOWN_GOOD))
                .containsAll(Rules.idsWith(FindingTrait.ROOT_NOT_RIGHT));
        assertThat(Rules.idsWith(FindingTrait.ROOT_NOT_RIGHT)).containsAll(Rules.idsWith(FindingTrait.LIVE_ROOT_ELSEWHERE));
    }
}
