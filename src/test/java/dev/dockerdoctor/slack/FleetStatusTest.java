package dev.dockerdoctor.slack;

import com.google.gson.Gson;
import dev.dockerdoctor.slack.message.FleetViews;
import dev.dockerdoctor.slack.message.HostLine;
import dev.dockerdoctor.slack.message.Message;
import dev.dockerdoctor.slack.render.BlockKitLimits;
import dev.dockerdoctor.slack.render.BlockKitRenderer;
import dev.dockerdoctor.slack.render.SlackMessage;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which host /docker-status asked about, and the fleet's list: worst first, inside Slack's limits at 200 hosts. */
class FleetStatusTest {
    static final Instant T = Instant.parse("2026-12-02T06:20:00Z");
    static final List<HostLine> FLEET = List.of(
            new HostLine("hub", "ok", "Healthy: 3 containers running", true, T, true),
            new HostLine("web-2", "ok", "Healthy", true, T, false),
            new HostLine("gitlab-1", "critical", "CRITICAL: Docker runs on the wrong data root", true, T, false),
            new HostLine("cache-3", null, null, false, T.minusSeconds(600), false),
            new HostLine("db-4", "warning", "WARNING: the disk is 91% full", true, T, false));

    @Test
    void aNameIsThatHostsAndEverythingElseIsAsOnOneHost() {
        assertThat(FleetStatus.ask("", List.of())).isEqualTo(FleetStatus.Asked.local(""));
        assertThat(FleetStatus.ask("gitlab-1", List.of()).host()).as("one-host install: no names").isNull();
        assertThat(FleetStatus.ask("", FLEET).fleet()).isTrue();
        assertThat(FleetStatus.ask("   ", FLEET).fleet()).isTrue();
        assertThat(FleetStatus.ask("plan", FLEET)).isEqualTo(FleetStatus.Asked.local("plan"));
        FleetStatus.Asked one = FleetStatus.ask("GitLab-1 logs 6h", FLEET);
        assertThat(one.host()).isEqualTo("gitlab-1");
        assertThat(one.text()).isEqualTo("logs 6h");
        assertThat(FleetStatus.ask("hub root", FLEET)).as("the hub's own name is its own host").isEqualTo(FleetStatus.Asked.local("root"));
        FleetStatus.Asked unknown = FleetStatus.ask("gitlab-9", FLEET);
        assertThat(unknown.unknown()).isNotNull();
        assertThat(new Gson().toJson(BlockKitRenderer.render(unknown.unknown()).blocks())).contains("gitlab-9", "gitlab-1", "web-2");
        assertThat(FleetStatus.ask("", List.of(FLEET.get(0))).fleet()).as("a hub with no agents answers as one host").isFalse();
    }

    @Test
    void theAckOnlyLooksAtTheWordsNeverAtTheFleet() {
        assertThat(FleetStatus.mayNameAHost("")).isTrue();
        assertThat(FleetStatus.mayNameAHost("gitlab-1 share")).isTrue();
        assertThat(FleetStatus.mayNameAHost("share")).as("a subcommand is this host's").isFalse();
        assertThat(FleetStatus.afterTheName(" gitlab-1  logs 6h ")).isEqualTo("logs 6h");
        assertThat(FleetStatus.afterTheName(null)).isEmpty();
    }

    @Test
    void theFleetIsListedWorstFirstWithTheSilentHostsSinceWhen() throws Exception {
        Message m = FleetViews.summary(FLEET, ZoneOffset.UTC);
        String text = new Gson().toJson(BlockKitRenderer.render(m).blocks());
        assertThat(m.fallback()).isEqualTo("5 hosts: 1 not reporting, 1 critical, 1 with warnings");
        assertThat(text.indexOf("cache-3")).isLessThan(text.indexOf("gitlab-1"));
        assertThat(text.indexOf("gitlab-1")).isLessThan(text.indexOf("db-4"));
        assertThat(text.indexOf("db-4")).isLessThan(text.indexOf("web-2"));
        assertThat(text).contains("not reporting since", "(this hub)", "/docker-status gitlab-1");
        Golden.assertMatches("fleetSummary", BlockKitLimits.toJson(BlockKitRenderer.render(m)));
        Golden.assertMatches("fleetUnknownHost", BlockKitLimits.toJson(BlockKitRenderer.render(FleetStatus.ask("gitlab-9", FLEET).unknown())));
        Golden.assertMatches("fleetHostAway", BlockKitLimits.toJson(BlockKitRenderer.render(FleetViews.hostAway("cache-3"))));
    }

    @Test
    void twoHundredHostsStayInsideSlacksLimits() {
        List<HostLine> many = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            many.add(new HostLine(String.format("host-%03d", i), i % 7 == 0 ? "critical" : "ok",
                    "CRITICAL: " + "a long headline that goes on ".repeat(8), i % 11 != 0, T, i == 0));
        }
        SlackMessage out = BlockKitRenderer.render(FleetViews.summary(many, ZoneOffset.UTC));
        assertThat(BlockKitLimits.violations(out)).isEmpty();
        String text = new Gson().toJson(out.blocks());
        assertThat(text).contains("more hosts, healthier than those above");
        assertThat(text).as("every silent and critical host is listed").contains("host-011", "host-187", "host-196");
    }
}
