package dev.dockerdoctor.watch;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static dev.dockerdoctor.watch.WatchState.Status.DOWN;
import static dev.dockerdoctor.watch.WatchState.Status.PENDING_DOWN;
import static dev.dockerdoctor.watch.WatchState.Status.PENDING_UP;
import static dev.dockerdoctor.watch.WatchState.Status.UP;
import static org.assertj.core.api.Assertions.assertThat;

class WatchStateTest {
    private static final Instant T0 = Instant.parse("2021-10-07T06:20:00Z");

    private static Instant t(int s) { return T0.plusSeconds(s); }

    @Test
    void aFirstSuccessIsUpAtOnce() {
        WatchState s = new WatchState(2, 2);
        assertThat(s.record(null, t(0))).isEqualTo(UP);
    }

    @Test
    void aSingleFailureIsOnlyPendingAndABlipGoesBackToUp() {
        WatchState s = new WatchState(2, 2);
        s.record(null, t(0));
        assertThat(s.record("gitlab answered 502", t(15))).isEqualTo(PENDING_DOWN);
        assertThat(s.down()).isFalse();
        assertThat(s.record(null, t(30))).isEqualTo(UP);
    }

    @Test
    void twoFailuresInARowAreDownSinceTheFirst() {
        WatchState s = new WatchState(2, 2);
        s.record(null, t(0));
        s.record("gitlab answered 404", t(15));
        assertThat(s.record("gitlab answered 404", t(30))).isEqualTo(DOWN);
        assertThat(s.since()).isEqualTo(t(15));
        assertThat(s.lastFailure()).isEqualTo("gitlab answered 404");
    }

    @Test
    void comingBackNeedsTwoSuccessesAndAFailureInBetweenKeepsItDown() {
        WatchState s = new WatchState(2, 2);
        s.record("x", t(0));
        s.record("x", t(15));
        assertThat(s.record(null, t(30))).isEqualTo(PENDING_UP);
        assertThat(s.down()).as("still down until confirmed").isTrue();
        assertThat(s.record("x", t(45))).isEqualTo(DOWN);
        assertThat(s.record(null, t(60))).isEqualTo(PENDING_UP);
        assertThat(s.record(null, t(75))).isEqualTo(UP);
        assertThat(s.since()).isEqualTo(t(75));
    }

    @Test
    void aThresholdOfOneConfirmsAtOnce() {
        WatchState s = new WatchState(1, 1);
        assertThat(s.record("x", t(0))).isEqualTo(DOWN);
        assertThat(s.record(null, t(1))).isEqualTo(UP);
    }
}
