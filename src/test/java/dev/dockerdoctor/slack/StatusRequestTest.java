package dev.dockerdoctor.slack;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static dev.dockerdoctor.slack.message.Subcommand.*;
import static org.assertj.core.api.Assertions.assertThat;

class StatusRequestTest {
    static final Instant NOW = Instant.parse("2024-11-27T06:27:14Z");

    static StatusRequest parse(String text) {
        return StatusRequest.parse(text, NOW, ZoneOffset.UTC);
    }

    @Test
    void shouldReadEverySubcommand() {
        assertThat(parse("").view()).isEqualTo(REPORT);
        assertThat(parse(null).view()).isEqualTo(REPORT);
        assertThat(parse("help").view()).isEqualTo(HELP);
        assertThat(parse("root").view()).isEqualTo(ROOT);
        assertThat(parse("  Compose ").view()).isEqualTo(COMPOSE);
        assertThat(parse("plan").view()).isEqualTo(PLAN);
        assertThat(parse("share").view()).isEqualTo(SHARE);
        assertThat(parse("logs").view()).isEqualTo(LOGS);
        assertThat(parse("").since()).isEqualTo(NOW.minus(Duration.ofHours(24)));
    }

    @Test
    void shouldTakeALogWindow() {
        StatusRequest r = parse("logs 6h");
        assertThat(r.view()).isEqualTo(LOGS);
        assertThat(r.since()).isEqualTo(NOW.minus(Duration.ofHours(6)));
        assertThat(r.window()).isEqualTo("6h");
        assertThat(parse("logs 2024-11-27T06:00:00Z").since()).isEqualTo(Instant.parse("2024-11-27T06:00:00Z"));
    }

    @Test
    void shouldTurnWhatItDoesNotKnowIntoHelpSayingWhy() {
        assertThat(parse("rooot")).satisfies(r -> {
            assertThat(r.view()).isEqualTo(HELP);
            assertThat(r.problem()).contains("`rooot`");
        });
        assertThat(parse("logs soon").problem()).contains("`soon` is none of those");
        assertThat(parse("logs 2099-01-01T00:00:00Z").problem()).contains("is none of those");
        assertThat(parse("plan now").problem()).contains("takes no arguments");
        assertThat(parse("<!channel>").problem()).contains("&lt;!channel&gt;");
    }

    @Test
    void shouldReadMaintenanceWithItsLengthAndReasonOrEnd() {
        StatusRequest start = parse("maintenance 2h upgrading  Docker to 28");
        assertThat(start.view()).isEqualTo(MAINTENANCE);
        assertThat(start.maintenance()).isEqualTo(new StatusRequest.Maintain(StatusRequest.Maintain.Action.START,
                Duration.ofHours(2), "upgrading Docker to 28"));
        assertThat(parse("maintenance 45m").maintenance().reason()).isEmpty();
        assertThat(parse("Maintenance END").maintenance().action()).isEqualTo(StatusRequest.Maintain.Action.END);
        assertThat(parse("maintenance").maintenance().action()).isEqualTo(StatusRequest.Maintain.Action.SHOW);
        assertThat(parse("logs").maintenance()).isNull();
        for (String bad : new String[]{"maintenance soon", "maintenance 30s", "maintenance 8d", "maintenance end now"}) {
            StatusRequest r = parse(bad);
            assertThat(r.view()).as(bad).isEqualTo(HELP);
            assertThat(r.problem()).as(bad).contains("`maintenance` takes how long it lasts");
        }
    }
}
