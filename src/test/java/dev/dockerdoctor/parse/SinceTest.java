package dev.dockerdoctor.parse;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class SinceTest {
    static final Instant NOW = Instant.parse("2024-11-27T06:27:14Z");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void shouldTakeDurationsBackFromNow() {
        assertThat(Since.parse("90m", NOW, BERLIN)).contains(NOW.minus(Duration.ofMinutes(90)));
        assertThat(Since.parse("24h", NOW, BERLIN)).contains(NOW.minus(Duration.ofHours(24)));
        assertThat(Since.parse("7d", NOW, BERLIN)).contains(NOW.minus(Duration.ofDays(7)));
        assertThat(Since.parse("45s", NOW, BERLIN)).contains(NOW.minusSeconds(45));
        assertThat(Since.parse(" 6H ", NOW, BERLIN)).contains(NOW.minus(Duration.ofHours(6)));
    }

    @Test
    void shouldDefaultToADay() {
        assertThat(Since.parse(null, NOW, BERLIN)).contains(NOW.minus(Duration.ofHours(24)));
        assertThat(Since.parse("", NOW, BERLIN)).contains(NOW.minus(Duration.ofHours(24)));
    }

    @Test
    void shouldTakeIsoTimesWithAnOffsetOrInTheHostsZone() {
        assertThat(Since.parse("2024-11-27T06:00:00Z", NOW, BERLIN)).contains(Instant.parse("2024-11-27T06:00:00Z"));
        assertThat(Since.parse("2024-11-27T06:00:00+02:00", NOW, BERLIN)).contains(Instant.parse("2024-11-27T04:00:00Z"));
        assertThat(Since.parse("2024-11-27T06:00:00", NOW, BERLIN)).contains(Instant.parse("2024-11-27T05:00:00Z"));
        assertThat(Since.parse("2024-11-27", NOW, BERLIN)).contains(Instant.parse("2024-11-26T23:00:00Z"));
    }

    @Test
    void shouldSayNothingForWhatItDoesNotUnderstand() {
        assertThat(Since.parse("yesterday-ish", NOW, BERLIN)).isEmpty();
        assertThat(Since.parse("5w", NOW, BERLIN)).isEmpty();
        assertThat(Since.parse("-3h", NOW, BERLIN)).isEmpty();
        assertThat(Since.parse("99999999999h", NOW, BERLIN)).isEmpty();
    }
}
