package dev.dockerdoctor.model;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class StepIdTest {
    @Test
    void aStepIdIsItsFamilyAndParameterWrittenOnce() {
        StepId up = StepId.parse("compose-up:gitlab").orElseThrow();
        assertThat(up.family()).isEqualTo(StepFamily.COMPOSE_UP);
        assertThat(up.parameter()).isEqualTo("gitlab");
        assertThat(up.wire()).isEqualTo("compose-up:gitlab").isEqualTo(StepFamily.COMPOSE_UP.with("gitlab"));
        assertThat(up.label()).isEqualTo("Start gitlab");
        // a parameter may itself hold colons (a container named after an image tag): only the first one splits
        assertThat(StepId.parse("restart-container:a:b").orElseThrow().parameter()).isEqualTo("a:b");
        assertThat(StepId.parse("restore-data-root").orElseThrow().wire()).isEqualTo("restore-data-root");
        assertThat(StepId.parse("restore-data-root").orElseThrow().label()).isEqualTo("Restore data root");
    }

    @Test
    void idsOfNoKnownFamilyAreNotSteps() {
        assertThat(StepId.parse("rm -rf /")).isEmpty();
        assertThat(StepId.parse("ui:refresh")).isEmpty();
        assertThat(StepId.parse(null)).isEmpty();
        assertThat(StepId.rank("no-such-step")).isEqualTo(StepFamily.values().length);
    }

    @Test
    void everyFamilyIdIsDistinctAndParsesBackToItself() {
        assertThat(Arrays.stream(StepFamily.values()).map(StepFamily::id).distinct()).hasSize(StepFamily.values().length);
        for (StepFamily f : StepFamily.values()) {
            assertThat(StepFamily.of(f.id())).contains(f);
            assertThat(f.id()).matches("[a-z-]+");
        }
    }

    @Test
    void theRootComesBeforeServicesAndTheUpgradeTimerIsTheLastResort() {
        assertThat(StepId.rank("mount-data-root-disk")).isLessThan(StepId.rank("restore-data-root"));
        assertThat(StepId.rank("restore-data-root")).isLessThan(StepId.rank("compose-up:x"));
        assertThat(StepFamily.DISABLE_APT_DAILY_UPGRADE.has(StepFamily.Effect.DANGEROUS)).isTrue();
        assertThat(Arrays.stream(StepFamily.values()).filter(f -> f.has(StepFamily.Effect.WAITS_FOR_ROOT))
                .allMatch(f -> f.ordinal() > StepFamily.START_DOCKER.ordinal())).isTrue();
    }

    @Test
    void aLongIdGetsAnActionIdSlackTakesAndTwoLongIdsStayApart() {
        String head = "compose-up:" + "p".repeat(300);
        String a = head + "-a";
        String b = head + "-b";
        assertThat(StepId.actionId(a)).hasSizeLessThanOrEqualTo(StepId.MAX_ACTION_ID).startsWith("compose-up:ppp");
        assertThat(StepId.actionId(a)).isNotEqualTo(StepId.actionId(b));
        assertThat(StepId.actionId(a)).isEqualTo(StepId.actionId(a));
        assertThat(StepId.actionId("compose-up:gitlab")).isEqualTo("compose-up:gitlab");
        String exactly = "compose-up:" + "q".repeat(StepId.MAX_ACTION_ID - "compose-up:".length());
        assertThat(StepId.actionId(exactly)).isEqualTo(exactly);
    }
}
