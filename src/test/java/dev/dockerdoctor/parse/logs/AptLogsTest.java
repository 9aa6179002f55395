package dev.dockerdoctor.parse.logs;

import dev.dockerdoctor.model.EventKind;
import dev.dockerdoctor.model.LogEvent;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

class AptLogsTest {

    @Test
    void historyWithRequestedByAutomaticInstallsAndAnError() {
        List<AptRun> runs = AptHistoryParser.parse("""
                Start-Date: 2024-05-01  06:20:21
                Commandline: apt-get install docker-ce
                Requested-By: admin (1000)
                Install: containerd.io:amd64 (1.6.31-1, automatic), docker-ce:amd64 (5:26.1.1-1~ubuntu.24.04~noble)
                Upgrade: runc:amd64 (1.1.12-0ubuntu3, 1.1.12-0ubuntu3.1)
                Purge: docker.io:amd64 (24.0.7-0ubuntu4)
                Error: Sub-process /usr/bin/dpkg returned an error code (1)
                End-Date: 2024-05-01  06:20:40
                """);
        assertThat(runs).hasSize(1);
        AptRun r = runs.get(0);
        assertThat(r.requestedBy()).isEqualTo("admin (1000)");
        assertThat(r.unattended()).isFalse();
        assertThat(r.error()).startsWith("Sub-process");
        assertThat(r.changes()).containsExactly(
                new PackageChange("Install", "containerd.io", "amd64", null, "1.6.31-1", true),
                new PackageChange("Install", "docker-ce", "amd64", null, "5:26.1.1-1~ubuntu.24.04~noble", false),
                new PackageChange("Upgrade", "runc", "amd64", "1.1.12-0ubuntu3", "1.1.12-0ubuntu3.1", false),
                new PackageChange("Purge", "docker.io", "amd64", "24.0.7-0ubuntu4", null, false));
        List<LogEvent> es = LogEvents.fromAptRun(r, ZoneOffset.UTC, "/var/log/apt/history.log");
        assertThat(es).extracting(LogEvent::kind, LogEvent::pkg, LogEvent::message).containsExactly(
                tuple(EventKind.PACKAGE_INSTALL, "containerd.io", "Install: containerd.io:amd64 (1.6.31-1) [Commandline: apt-get install docker-ce]"),
                tuple(EventKind.PACKAGE_INSTALL, "docker-ce", "Install: docker-ce:amd64 (5:26.1.1-1~ubuntu.24.04~noble) [Commandline: apt-get install docker-ce]"),
                tuple(EventKind.PACKAGE_UPGRADE, "runc", "Upgrade: runc:amd64 (1.1.12-0ubuntu3, 1.1.12-0ubuntu3.1) [Commandline: apt-get install docker-ce]"),
                tuple(EventKind.PACKAGE_REMOVE, "docker.io", "Purge: docker.io:amd64 (24.0.7-0ubuntu4) [Commandline: apt-get install docker-ce]"));
    }

    @Test
    void aBlockWithoutStartDateAndAPartialBlockAreHandled() {
        List<AptRun> runs = AptHistoryParser.parse("Commandline: x\nUpgrade: a:amd64 (1, 2)\n\nStart-Date: 2024-05-01  06:20:21\nUpgrade: runc:amd64 (1, 2)\n");
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).end()).isNull();
    }

    @Test
    void dpkgRemovalAndForeignLines() {
        DpkgEntry rm = DpkgLogParser.parse("2024-05-01 06:20:30 remove docker.io:amd64 24.0.7-0ubuntu4 <none>");
        assertThat(rm.isRemoval()).isTrue();
        assertThat(rm.from()).isEqualTo("24.0.7-0ubuntu4");
        assertThat(rm.to()).isNull();
        assertThat(LogEvents.fromDpkg(rm, ZoneOffset.UTC, "/var/log/dpkg.log", "l").kind()).isEqualTo(EventKind.PACKAGE_REMOVE);
        assertThat(DpkgLogParser.parse("2024-05-01 06:20:30 conffile /etc/docker/daemon.json keep").action()).isEqualTo("conffile");
        assertThat(DpkgLogParser.parse("not a dpkg line at all, really")).isNull();
        assertThat(DpkgLogParser.parse("2024-13-01 06:20:30 upgrade a:amd64 1 2")).isNull();
    }

    @Test
    void unattendedLinesNeedTheirTimeAndLevel() {
        assertThat(UnattendedUpgradesParser.parse("2020-12-02 00:06:27,414 WARNING x"))
                .isEqualTo(new UnattendedLine(LocalDateTime.parse("2020-12-02T00:06:27.414"), "WARNING", "x"));
        assertThat(UnattendedUpgradesParser.parse("2020-12-02 00:06:27 INFO x")).isNull();
        assertThat(UnattendedUpgradesParser.parse("2020-12-02 00:06:27,414 info x")).isNull();
        assertThat(UnattendedUpgradesParser.parse("Traceback (most recent call last):")).isNull();
        List<UnattendedUpgradesParser.Run> running = UnattendedUpgradesParser.runs(List.of(
                UnattendedUpgradesParser.parse("2020-12-02 00:06:27,414 INFO a")), UnattendedUpgradesParser.RUN_GAP,
                LocalDateTime.parse("2020-12-02T00:10:00"));
        assertThat(running).singleElement().extracting(UnattendedUpgradesParser.Run::finished).isEqualTo(false);
    }
}
