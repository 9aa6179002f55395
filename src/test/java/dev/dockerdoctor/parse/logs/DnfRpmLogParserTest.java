package dev.dockerdoctor.parse.logs;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;

class DnfRpmLogParserTest {
    @Test
    void readsItemsWithEpochReleaseAndArchAndRefusesTheRest() {
        DnfRpmLogParser.Item i = DnfRpmLogParser.parse("2023-10-05T06:20:11+0000 SUBDEBUG Upgrade: docker-ce-3:24.0.6-1.el9.x86_64");
        assertThat(i).isEqualTo(new DnfRpmLogParser.Item(OffsetDateTime.parse("2023-10-05T06:20:11Z"), "Upgrade", "docker-ce", "3:24.0.6-1.el9"));
        assertThat(DnfRpmLogParser.parse("2023-10-05T06:20:13+0200 SUBDEBUG Installed: docker-compose-plugin-2.21.0-1.el9.x86_64"))
                .extracting(DnfRpmLogParser.Item::name, DnfRpmLogParser.Item::version).containsExactly("docker-compose-plugin", "2.21.0-1.el9");
        assertThat(DnfRpmLogParser.parse("2023-10-05T06:20:14+0000 SUBDEBUG Erase: moby-engine-20.10.23-1.fc38.noarch").name()).isEqualTo("moby-engine");
        assertThat(DnfRpmLogParser.parse("2023-10-05T06:20:14+0000 INFO --- logging initialized ---")).isNull();
        assertThat(DnfRpmLogParser.parse("\u0000\u0001binary junk that is long enough to look at")).isNull();
        assertThat(DnfRpmLogParser.parse(null)).isNull();
    }
}
