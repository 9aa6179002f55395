package dev.dockerdoctor.app;

import dev.dockerdoctor.fleet.HostStatus;
import dev.dockerdoctor.fleet.Silence;
import dev.dockerdoctor.testing.RecordingNotifier;
import dev.dockerdoctor.testing.TestClock;
import dev.dockerdoctor.watch.DeliveryException;
import dev.dockerdoctor.watch.IncidentState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A host whose agent misses three reports is an incident of its own, posted once (hub restarts too), resolved when
 * it reports again; a pending host, a host in its grace after the hub started, and a forgotten one raise nothing.
 */
class SilentAgentsTest {
    static final Duration EVERY = Duration.ofSeconds(30);
    @TempDir Path state;
    final TestClock clock = TestClock.at("2021-10-07T06:20:00Z");
    final Map<String, HostStatus> fleet = new HashMap<>();
    final Map<String, RecordingNotifier> chats = new HashMap<>();

    SilentAgents watching(Duration grace) {
        return new SilentAgents(state, () -> new ArrayList<>(fleet.values()), h -> EVERY,
                h -> chats.computeIfAbsent(h, x -> new RecordingNotifier()), clock, java.time.ZoneOffset.UTC, grace);
    }

    void heard(String host, Instant at) {
        fleet.put(host, new HostStatus(host, true, at, "ok", "ok"));
    }

    @Test
    void threeMissedReportsOpenOneIncidentNamingTheHostAndAReportResolvesIt() {
        assertThat(Silence.silent(new HostStatus("a", false, null, null, null), EVERY, clock.instant()))
                .as("a pending host was never heard").isFalse();
        heard("cache-1", clock.instant());
        heard("web-2", clock.instant());
        fleet.put("new-3", new HostStatus("new-3", false, null, null, null));
        SilentAgents silent = watching(Duration.ZERO);
        silent.check();
        assertThat(chats).isEmpty();

        clock.advance(EVERY.multipliedBy(2));
        heard("web-2", clock.instant());
        silent.check();
        assertThat(chats).as("two missed reports are not silence yet").isEmpty();

        clock.advance(EVERY);
        heard("web-2", clock.instant());
        silent.check();
        silent.check();
        assertThat(silent.silent()).containsExactly("cache-1");
        List<RecordingNotifier.Call> posts = chats.get("cache-1").succeeded(RecordingNotifier.Op.OPENED);
        assertThat(posts).as("once, however often the hub looks").hasSize(1);
        assertThat(chats).as("no other host").containsOnlyKeys("cache-1");

        SilentAgents restarted = watching(Duration.ZERO);
        restarted.check();
        assertThat(chats.get("cache-1").succeeded(RecordingNotifier.Op.OPENED)).as("not again after a hub restart").hasSize(1);

        clock.advance(Duration.ofMinutes(5));
        heard("cache-1", clock.instant());
        heard("web-2", clock.instant());
        restarted.check();
        assertThat(chats.get("cache-1").succeeded(RecordingNotifier.Op.RESOLVED)).singleElement()
                .satisfies(c -> assertThat(c.state()).isEqualTo(IncidentState.RESOLVED));
        assertThat(restarted.silent()).isEmpty();
        restarted.check();
        assertThat(chats.get("cache-1").calls(RecordingNotifier.Op.RESOLVED)).hasSize(1);
    }

    @Test
    void aRefusedPostIsTriedAgainAndNothingIsJudgedInTheGraceOrForAForgottenHost() throws Exception {
        heard("cache-1", clock.instant().minus(Duration.ofHours(1)));
        SilentAgents silent = watching(Duration.ofMinutes(2));
        silent.check();
        assertThat(silent.silent()).as("agents reconnect first after a hub restart").isEmpty();

        clock.advance(Duration.ofMinutes(3));
        chats.put("cache-1", new RecordingNotifier().failNext(DeliveryException.rateLimited("ratelimited", Duration.ofSeconds(1))));
        silent.check();
        assertThat(chats.get("cache-1").succeeded(RecordingNotifier.Op.OPENED)).isEmpty();
        silent.check();
        assertThat(chats.get("cache-1").succeeded(RecordingNotifier.Op.OPENED)).as("posted at the next check").hasSize(1);

        fleet.remove("cache-1");
        silent.check();
        assertThat(silent.silent()).as("forgotten: nobody's incident").isEmpty();
        assertThat(chats.get("cache-1").succeeded(RecordingNotifier.Op.RESOLVED)).hasSize(1);
        assertThat(Files.readString(state.resolve("fleet/silent.json"))).doesNotContain("cache-1");
    }
}
