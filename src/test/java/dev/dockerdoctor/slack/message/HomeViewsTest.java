package dev.dockerdoctor.slack.message;

import dev.dockerdoctor.model.Secrets;
import dev.dockerdoctor.slack.render.BlockKitRenderer;
import dev.dockerdoctor.watch.Maintenance;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class HomeViewsTest {
    private static final Instant NOW = Instant.parse("2026-12-02T06:20:00Z");
    private static final ViewContext CONTEXT = new ViewContext("gitlab-host", null, List.of("U0ALICE"), null);

    @Test
    void aMaintenanceWindowUnderWaySaysUntilWhenAndWhoAndOnlyThen() {
        Maintenance m = Maintenance.start("U0ALICE", NOW, NOW.plus(Duration.ofHours(2)), "upgrading Docker <!here>");
        Message with = HomeViews.home(new HomeState(Optional.empty(), Optional.empty(), List.of(), Optional.of(m)),
                CONTEXT, ZoneOffset.UTC, NOW, Optional.empty());
        String text = BlockKitRenderer.renderChecked(with, Secrets.none()).blocks().toString();
        assertThat(text).contains("*Maintenance* until <!date^" + m.until().getEpochSecond(), "<@U0ALICE>",
                "upgrading Docker &lt;!here&gt;").doesNotContain("<!here>");
        Message without = HomeViews.home(HomeState.nothingKnown(), CONTEXT, ZoneOffset.UTC, NOW, Optional.empty());
        assertThat(BlockKitRenderer.renderChecked(without, Secrets.none()).blocks().toString()).doesNotContain("Maintenance");
    }
}
