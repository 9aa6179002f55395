package dev.dockerdoctor.parse.logs;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class YearResolverTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private final LocalTimes times = new LocalTimes(BERLIN);

    private static long at(String local) {
        return LocalDateTime.parse(local).atZone(BERLIN).toEpochSecond();
    }

    private static String local(long epoch) {
        return LocalDateTime.ofInstant(Instant.ofEpochSecond(epoch), BERLIN).toString();
    }

    @Test
    void linesReadBackwardsAcrossNewYearTakeTheYearBefore() {
        YearResolver y = new YearResolver(at("2022-01-02T10:00:00"), times);
        assertThat(local(y.resolve(1, 2, 9 * 3600))).isEqualTo("2022-01-02T09:00");
        assertThat(local(y.resolve(1, 1, 0))).isEqualTo("2022-01-01T00:00");
        assertThat(local(y.resolve(12, 31, 23 * 3600 + 59 * 60 + 59))).isEqualTo("2021-12-31T23:59:59");
        assertThat(local(y.resolve(6, 1, 0))).isEqualTo("2021-06-01T00:00");
    }

    @Test
    void aLineALittleOutOfOrderKeepsItsYearAndDoesNotMoveTheCount() {
        YearResolver y = new YearResolver(at("2022-01-01T00:00:05"), times);
        assertThat(local(y.resolve(1, 1, 3))).isEqualTo("2022-01-01T00:00:03");
        assertThat(local(y.resolve(1, 1, 4))).isEqualTo("2022-01-01T00:00:04"); // later than the line after it
        assertThat(local(y.resolve(12, 31, 86_399))).isEqualTo("2021-12-31T23:59:59");
    }

    @Test
    void aFileWrittenSlightlyAfterMidnightOfNewYearStillGetsItsLastLineRight() {
        // mtime 00:00:10 on Jan 1, last line a second before midnight
        YearResolver y = new YearResolver(at("2022-01-01T00:00:10"), times);
        assertThat(local(y.resolve(12, 31, 86_399))).isEqualTo("2021-12-31T23:59:59");
    }

    @Test
    void anExactTimeReanchorsTheCount() {
        YearResolver y = new YearResolver(at("2023-01-01T00:00:00"), times);
        y.anchor(at("2021-10-07T06:20:20"));
        assertThat(local(y.resolve(10, 7, 6 * 3600 + 20 * 60))).isEqualTo("2021-10-07T06:20");
        y.limit(at("2030-01-01T00:00:00")); // a later mtime does not move it forward
        assertThat(y.bound()).isEqualTo(at("2021-10-07T06:20:00"));
    }

    @Test
    void february29thFindsALeapYear() {
        YearResolver y = new YearResolver(at("2024-03-01T00:00:00"), times);
        assertThat(local(y.resolve(2, 29, 3600))).isEqualTo("2024-02-29T01:00");
        YearResolver z = new YearResolver(at("2023-03-01T00:00:00"), new LocalTimes(ZoneOffset.UTC));
        assertThat(LocalDateTime.ofEpochSecond(z.resolve(2, 29, 0), 0, ZoneOffset.UTC).getYear()).isEqualTo(2024);
    }

    @Test
    void epochDaysAgreeWithJavaTime() {
        for (int year : new int[]{1970, 1999, 2000, 2021, 2024, 2100}) {
            for (int m = 1; m <= 12; m++) {
                assertThat(Dates.epochDay(year, m, Dates.lengthOfMonth(year, m)))
                        .isEqualTo(java.time.LocalDate.of(year, m, 1).withDayOfMonth(Dates.lengthOfMonth(year, m)).toEpochDay());
            }
        }
    }
}
