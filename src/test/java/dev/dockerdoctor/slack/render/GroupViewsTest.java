package dev.dockerdoctor.slack.render;

import dev.dockerdoctor.slack.message.GroupViews;
import dev.dockerdoctor.slack.message.Message;
import dev.dockerdoctor.watch.Incident;
import dev.dockerdoctor.watch.IncidentGroup;
import dev.dockerdoctor.watch.IncidentState;
import dev.dockerdoctor.watch.SignalKind;
import dev.dockerdoctor.watch.SignalRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The root message of one upgrade wave on several hosts: each host and its state, inside Slack's limits at 200. */
class GroupViewsTest {
    static final Instant T = Instant.parse("2026-12-02T06:20:00Z");

    static Incident on(String host, IncidentState state, int minute) {
        Instant at = T.plusSeconds(60L * minute);
        boolean done = state == IncidentState.RESOLVED;
        return new Incident("inc-" + host, host, state, at, at, at, done ? at.plusSeconds(300) : null,
                done ? Duration.ofMinutes(5) : null,
                List.of(new SignalRecord(SignalKind.DAEMON_UNREACHABLE, "docker", "Docker daemon unreachable", at, at,
                        done ? at.plusSeconds(300) : null)), List.of(), 0, null, List.of(), 1, null);
    }

    @Test
    void groupOfFourHostsOneRecovering() throws Exception {
        Message m = GroupViews.root(new IncidentGroup("daemon-unreachable", T, List.of(on("gitlab-1", IncidentState.OPEN, 0),
                on("ci-2", IncidentState.MITIGATING, 1), on("cache-3", IncidentState.RESOLVED, 2), on("web-4", IncidentState.OPEN, 4))),
                ZoneOffset.UTC);
        assertThat(m.fallback()).isEqualTo("Docker does not answer on 4 hosts (1 resolved): gitlab-1, ci-2, cache-3, web-4");
        dev.dockerdoctor.slack.Golden.assertMatches("groupOfFourHostsOneRecovering", ReportViewsTest.json(m));
        List<Incident> all = new ArrayList<>();
        for (int i = 0; i < 200; i++) all.add(on(String.format("host-%03d", i), IncidentState.OPEN, i % 15));
        SlackMessage big = BlockKitRenderer.render(GroupViews.root(new IncidentGroup("daemon-unreachable", T, all), ZoneOffset.UTC));
        assertThat(BlockKitLimits.violations(big)).isEmpty();
        assertThat(BlockKitLimits.toJson(big).toString()).contains("host-058", "more hosts, in the thread").doesNotContain("host-199");
        assertThat(GroupViews.root(new IncidentGroup("daemon-unreachable", T, List.of(on("a", IncidentState.RESOLVED, 0),
                on("b", IncidentState.RESOLVED, 1))), ZoneOffset.UTC).fallback()).startsWith("Resolved on 2 hosts");
    }
}
