package dev.dockerdoctor.watch;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** When a reminder is due: every period after the incident opened, once each, never repeated after a restart. */
class RemindersTest {
    static final Instant OPENED = Instant.parse("2021-10-07T04:21:00Z");

    static Incident open(Acknowledgement ack) {
        return new Incident("inc-1", "h", IncidentState.OPEN, OPENED, OPENED, OPENED, null, null, List.of(), List.of(), 0,
                null, List.of(), 1, null, ack);
    }

    @Test
    void everyPeriodAfterItOpenedOnceEachAndNotOnceAcknowledged() {
        Reminders r = new Reminders(Duration.ofMinutes(30));
        Incident i = open(null);
        assertThat(r.due(i, OPENED.plusSeconds(60))).as("first sight: nothing past is due").isEmpty();
        assertThat(r.due(i, OPENED.plusSeconds(29 * 60))).isEmpty();
        assertThat(r.due(i, OPENED.plusSeconds(31 * 60))).contains(OPENED.plusSeconds(30 * 60));
        assertThat(r.due(i, OPENED.plusSeconds(32 * 60))).as("once").isEmpty();
        assertThat(r.due(i, OPENED.plusSeconds(61 * 60))).contains(OPENED.plusSeconds(60 * 60));
        assertThat(r.due(open(new Acknowledgement("U0BOB", OPENED, "on it")), OPENED.plusSeconds(95 * 60))).isEmpty();
    }

    @Test
    void aRestartedBotCountsWhatIsPastAsDoneAndOffIsOff() {
        Reminders afterRestart = new Reminders(Duration.ofMinutes(30));
        Incident i = open(null);
        assertThat(afterRestart.due(i, OPENED.plusSeconds(31 * 60))).as("06:51 was sent before the restart").isEmpty();
        assertThat(afterRestart.due(i, OPENED.plusSeconds(61 * 60))).contains(OPENED.plusSeconds(60 * 60));
        assertThat(new Reminders(null).due(i, OPENED.plusSeconds(99 * 60))).isEmpty();
        assertThat(new Reminders(null).enabled()).isFalse();
    }
}
