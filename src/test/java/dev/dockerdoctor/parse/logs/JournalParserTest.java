package dev.dockerdoctor.parse.logs;

import dev.dockerdoctor.model.EventKind;
import dev.dockerdoctor.model.LogEvent;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class JournalParserTest {

    @Test
    void bytesNumbersAndRepeatedFields() {
        JournalEntry e = JournalParser.parse("{\"__REALTIME_TIMESTAMP\":\"1633580420104117\",\"_PID\":1,"
                + "\"SYSLOG_IDENTIFIER\":[\"systemd\",\"other\"],\"UNIT\":\"docker.service\","
                + "\"MESSAGE\":[83,116,111,112,112,101,100,32,195,164]}", ZoneId.of("Europe/Berlin"));
        assertThat(e.time()).isEqualTo(OffsetDateTime.parse("2021-10-07T06:20:20.104117+02:00"));
        assertThat(e.pid()).isEqualTo("1");
        assertThat(e.identifier()).isEqualTo("systemd");
        assertThat(e.message()).isEqualTo("Stopped ä");
        assertThat(e.shortLine()).isEqualTo("systemd[1]: Stopped ä");
    }

    @Test
    void notAnEntryIsNull() {
        assertThat(JournalParser.parse("", ZoneOffset.UTC)).isNull();
        assertThat(JournalParser.parse("-- No entries --", ZoneOffset.UTC)).isNull();
        assertThat(JournalParser.parse("[1,2]", ZoneOffset.UTC)).isNull();
        assertThat(JournalParser.parse("{\"MESSAGE\":\"no time\"}", ZoneOffset.UTC)).isNull();
        assertThat(JournalParser.parse("{\"__REALTIME_TIMESTAMP\":\"soon\"}", ZoneOffset.UTC)).isNull();
        assertThat(JournalParser.parse("{\"__REALTIME_TIMESTAMP\":\"1\", \"MESSAGE\":", ZoneOffset.UTC)).isNull();
    }

    @Test
    void theCommandNameStandsInForAMissingIdentifier() {
        JournalEntry e = JournalParser.parse("{\"__REALTIME_TIMESTAMP\":\"1633580424612298\",\"_COMM\":\"dockerd\",\"_PID\":\"52140\","
                + "\"_SYSTEMD_UNIT\":\"docker.service\",\"MESSAGE\":\"time=\\\"2021-10-07T06:20:24.612298101+02:00\\\" level=info msg=\\\"Starting up\\\"\"}",
                ZoneOffset.UTC);
        LogEvent ev = LogEvents.fromJournal(e);
        assertThat(ev.kind()).isEqualTo(EventKind.DOCKERD_STARTING);
        assertThat(ev.source()).isEqualTo("journal");
    }
}
