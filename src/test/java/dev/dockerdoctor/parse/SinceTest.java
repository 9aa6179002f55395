package dev.dockerdoctor.parse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SinceTest {
    private static final Instant NOW = Instant.parse("2021-10-07T07:00:00Z");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void durationsCountBackFromNow() {
        assertThat(Since.parse("90m", NOW, BERLIN)).isEqualTo(NOW.minus(Duration.ofMinutes(90)));
        assertThat(Since.parse("24h", NOW, BERLIN)).isEqualTo(NOW.minus(Duration.ofHours(24)));
        assertThat(Since.parse("7d", NOW, BERLIN)).isEqualTo(NOW.minus(Duration.ofDays(7)));
        assertThat(Since.parse("45s", NOW, BERLIN)).isEqualTo(NOW.minusSeconds(45));
        assertThat(Since.parse(" 2H ", NOW, BERLIN)).isEqualTo(NOW.minus(Duration.ofHours(2)));
    }

    @Test
    void isoTimesWithAnOffsetOrZAreExact() {
        assertThat(Since.parse("2021-10-07T06:00:00+02:00", NOW, BERLIN)).isEqualTo(Instant.parse("2021-10-07T04:00:00Z"));
        assertThat(Since.parse("2021-10-07T04:00:00Z", NOW, BERLIN)).isEqualTo(Instant.parse("2021-10-07T04:00:00Z"));
        assertThat(Since.parse("2021-10-07T06:00:00.5+02:00", NOW, BERLIN)).isEqualTo(Instant.parse("2021-10-07T04:00:00.5Z"));
    }

    @Test
    void localTimesAreTheHostsZone() {
        assertThat(Since.parse("2021-10-07T06:00", NOW, BERLIN)).isEqualTo(Instant.parse("2021-10-07T04:00:00Z"));
        assertThat(Since.parse("2021-10-07 06:00:00", NOW, BERLIN)).isEqualTo(Instant.parse("2021-10-07T04:00:00Z"));
        assertThat(Since.parse("2021-10-07", NOW, BERLIN)).isEqualTo(Instant.parse("2021-10-06T22:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "yesterday", "24", "h", "24x", "-3h", "1h30m", "2021-13-01T00:00", "2021-10-07T25:00"})
    void malformedInputIsAClearError(String bad) {
        assertThatThrownBy(() -> Since.parse(bad, NOW, BERLIN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--since").hasMessageContaining("90m, 24h or 7d");
    }

    @Test
    void theFutureAndTheTooDistantPastAreErrors() {
        assertThatThrownBy(() -> Since.parse("2030-01-01T00:00:00Z", NOW, BERLIN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("in the future");
        assertThatThrownBy(() -> Since.parse("999999999d", NOW, BERLIN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too far back");
        assertThatThrownBy(() -> Since.parse(null, NOW, BERLIN)).isInstanceOf(IllegalArgumentException.class);
    }
}
