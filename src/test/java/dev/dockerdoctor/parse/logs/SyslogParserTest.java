package dev.dockerdoctor.parse.logs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class SyslogParserTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Oct  7 06:20:17 h systemd[1]: x|10|7",
            "Oct 07 06:20:17 h systemd[1]: x|10|7",
            "Okt 07 06:20:17 h systemd[1]: x|10|7",
            "Mär  3 06:20:17 h systemd[1]: x|3|3",
            "Mrz  3 06:20:17 h systemd[1]: x|3|3",
            "Mai 15 06:20:17 h systemd[1]: x|5|15",
            "Dez 24 06:20:17 h systemd[1]: x|12|24",
            "déc. 24 06:20:17 h systemd[1]: x|12|24",
            "ene  2 06:20:17 h systemd[1]: x|1|2",
            "mei  2 06:20:17 h systemd[1]: x|5|2",
            "OCT  7 06:20:17 h systemd[1]: x|10|7"})
    void classicMonthsAndPaddedDays(String line, int month, int day) {
        SyslogLine l = SyslogParser.parse(line);
        assertThat(l).isNotNull();
        assertThat(l.month()).isEqualTo(month);
        assertThat(l.day()).isEqualTo(day);
        assertThat(l.time()).isEqualTo(LocalTime.of(6, 20, 17));
        assertThat(l.year()).isNull();
        assertThat(l.host()).isEqualTo("h");
        assertThat(l.program()).isEqualTo("systemd");
        assertThat(l.pid()).isEqualTo("1");
        assertThat(l.message()).isEqualTo("x");
    }

    @Test
    void programsWithoutPidWithParenthesesAndWithSpaces() {
        assertThat(SyslogParser.parse("Jun 14 15:16:01 combo sshd(pam_unix)[19939]: check pass; user unknown"))
                .extracting(SyslogLine::program, SyslogLine::pid, SyslogLine::message)
                .containsExactly("sshd(pam_unix)", "19939", "check pass; user unknown");
        assertThat(SyslogParser.parse("Jun 14 15:16:01 combo kernel: [1.2] x: y"))
                .extracting(SyslogLine::program, SyslogLine::pid, SyslogLine::message).containsExactly("kernel", null, "[1.2] x: y");
        assertThat(SyslogParser.parse("Jun 14 15:16:01 combo syslogd 1.4.1: restart."))
                .extracting(SyslogLine::program, SyslogLine::pid, SyslogLine::message).containsExactly("syslogd 1.4.1", null, "restart.");
        assertThat(SyslogParser.parse("Jul  7 08:06:15 combo  -- root[2421]: ROOT LOGIN ON tty2"))
                .extracting(SyslogLine::program, SyslogLine::pid).containsExactly("-- root", "2421");
        assertThat(SyslogParser.parse("Oct  7 06:20:17 h dockerd-current[8]: msg"))
                .extracting(SyslogLine::program, SyslogLine::pid).containsExactly("dockerd-current", "8");
        // no tag at all: the rest is the message
        assertThat(SyslogParser.parse("Oct  7 06:20:17 h last message repeated 3 times"))
                .extracting(SyslogLine::program, SyslogLine::message).containsExactly(null, "last message repeated 3 times");
    }

    @Test
    void fractionsOnClassicAndRfc3339Lines() {
        assertThat(SyslogParser.parse("Oct  7 06:20:17.123456 h p: m").time()).isEqualTo(LocalTime.of(6, 20, 17, 123_456_000));
        SyslogLine z = SyslogParser.parse("2024-04-21T12:04:54Z host prog[1]: m");
        assertThat(z.at(0, ZoneId.of("Europe/Berlin"))).isEqualTo(OffsetDateTime.parse("2024-04-21T12:04:54Z"));
        SyslogLine n = SyslogParser.parse("2024-04-21T12:04:54.026767123456-0330 host prog: m");
        assertThat(n.offset()).isEqualTo(ZoneOffset.ofHoursMinutes(-3, -30));
        assertThat(n.time().getNano()).isEqualTo(26_767_123);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-- Boot 6c0f --", "-- Subject: Unit docker.service has begun shutting down",
            "\t\tcontinuation", "Foo  7 06:20:17 h p: m", "Oct 32 06:20:17 h p: m", "Oct  7 24:00:00 h p: m",
            "Oct  7 06:20 h p: m", "Oct  7 06:20:17", "2024-02-30T00:00:00Z h p: m", "2024-04-21 12:04:54 h p: m",
            "2024-04-21T12:04:54+25:00 h p: m", "\u0000\u0001\u0002binary", "Oct  7 06:20:17xh p: m"})
    void nonRecordsGiveNull(String line) {
        assertThat(SyslogParser.parse(line)).isNull();
    }

    @Test
    void theByteStampAgreesWithTheParsedLine() {
        String line = "Okt 10 06:36:39 photon-vm dockerd[395]: time=\"2021-10-10T06:36:39.420172427+02:00\"";
        byte[] b = ("xx" + line + "yy").getBytes(StandardCharsets.UTF_8);
        Stamp st = new Stamp();
        assertThat(SyslogParser.parseStamp(b, 2, line.getBytes(StandardCharsets.UTF_8).length, st)).isTrue();
        assertThat(st.month()).isEqualTo(10);
        assertThat(st.day()).isEqualTo(10);
        assertThat(st.secondOfDay()).isEqualTo(6 * 3600 + 36 * 60 + 39);
        assertThat(st.hasYear()).isFalse();
        assertThat(SyslogParser.logrusTime(SyslogParser.parse(line).message()))
                .isEqualTo(OffsetDateTime.parse("2021-10-10T06:36:39.420172427+02:00"));
        assertThat(SyslogParser.logrusTime("level=info msg=x")).isNull();
        assertThat(SyslogParser.logrusTime("time=\"garbage\" level=info")).isNull();
    }
}
