package dev.dockerdoctor.evidence;

import dev.dockerdoctor.model.EventKind;
import dev.dockerdoctor.model.LogEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import static dev.dockerdoctor.evidence.StoryLogs.NOW;
import static dev.dockerdoctor.evidence.StoryLogs.ZONE;
import static dev.dockerdoctor.evidence.StoryLogs.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

class LogProbeTest {
    @TempDir
    Path root;

    private LogProbe.Result read(Duration window) {
        return new LogProbe(new HostFiles(root), ZONE, new FakeJournal(List.of())).read(NOW.minus(window), NOW);
    }

    private static List<EventKind> kinds(List<LogEvent> es, String source) {
        return es.stream().filter(e -> e.source().equals(source)).map(LogEvent::kind).toList();
    }

    @Test
    void storyLogsGiveTheUpgradeAndRestartTimelineInOrder() throws IOException {
        StoryLogs.write(root);
        LogProbe.Result r = read(Duration.ofHours(24));

        assertThat(kinds(r.events(), "/var/log/syslog")).containsExactly(
                EventKind.APT_DAILY_UPGRADE_START,
                EventKind.DOCKER_STOP, EventKind.DOCKERD_TERMINATED, EventKind.CONTAINERD_STOP, EventKind.CONTAINERD_LOST,
                EventKind.DOCKER_STOP, EventKind.DOCKER_STOP, EventKind.CONTAINERD_STOP,
                EventKind.SYSTEMD_RELOAD, EventKind.CONTAINERD_START, EventKind.CONTAINERD_START,
                EventKind.DOCKER_START, EventKind.DOCKERD_STARTING, EventKind.DOCKERD_READY, EventKind.DOCKER_START,
                EventKind.APT_DAILY_UPGRADE_END);
        // the day before (08:41 on Oct 6) lies outside the 24 h window
        assertThat(r.events()).allSatisfy(e -> assertThat(e.time().toInstant()).isAfterOrEqualTo(NOW.minus(Duration.ofHours(24))));
        assertThat(r.events()).extracting(e -> e.time().toEpochSecond()).isSorted();

        LogEvent start = r.events().get(0);
        assertThat(start.time()).isEqualTo(OffsetDateTime.parse("2021-10-07T06:20:17+02:00"));
        assertThat(start.message()).isEqualTo("Oct  7 06:20:17 gitlab-host systemd[1]: Starting Daily apt upgrade and clean activities...");

        assertThat(r.events()).filteredOn(e -> e.kind() == EventKind.PACKAGE_UPGRADE)
                .extracting(LogEvent::source, LogEvent::pkg, LogEvent::from, LogEvent::to)
                .containsExactly(
                        tuple("/var/log/apt/history.log", "containerd.io", "1.4.9-1", "1.4.11-1"),
                        tuple("/var/log/apt/history.log", "docker-ce-cli", "5:20.10.8~3-0~ubuntu-focal", "5:20.10.9~3-0~ubuntu-focal"),
                        tuple("/var/log/apt/history.log", "docker-ce", "5:20.10.8~3-0~ubuntu-focal", "5:20.10.9~3-0~ubuntu-focal"),
                        tuple("/var/log/dpkg.log", "containerd.io", "1.4.9-1", "1.4.11-1"),
                        tuple("/var/log/dpkg.log", "docker-ce-cli", "5:20.10.8~3-0~ubuntu-focal", "5:20.10.9~3-0~ubuntu-focal"),
                        tuple("/var/log/dpkg.log", "docker-ce", "5:20.10.8~3-0~ubuntu-focal", "5:20.10.9~3-0~ubuntu-focal"));
        LogEvent dpkg = r.events().stream().filter(e -> e.source().equals("/var/log/dpkg.log")).findFirst().orElseThrow();
        assertThat(dpkg.message()).isEqualTo("2021-10-07 06:20:19 upgrade containerd.io:amd64 1.4.9-1 1.4.11-1");
        assertThat(dpkg.time()).isEqualTo(OffsetDateTime.parse("2021-10-07T06:20:19+02:00"));

        // dockerd's own time is exact
        LogEvent up = r.events().stream().filter(e -> e.kind() == EventKind.DOCKERD_STARTING).findFirst().orElseThrow();
        assertThat(up.time()).isEqualTo(OffsetDateTime.parse("2021-10-07T06:20:24.612298101+02:00"));

        // the unattended-upgrades run is found by time (yesterday's run is outside the window)
        assertThat(r.events()).filteredOn(e -> e.source().endsWith("unattended-upgrades.log"))
                .extracting(LogEvent::kind, e -> e.time().toLocalTime().toString())
                .containsExactly(tuple(EventKind.APT_DAILY_UPGRADE_START, "06:20:17.912"),
                        tuple(EventKind.APT_DAILY_UPGRADE_END, "06:20:30.771"));

        assertThat(r.stats().filesRead()).isEqualTo(4);
        assertThat(r.stats().problems()).isEmpty();
        assertThat(r.stats().linesSkipped()).isZero();
        assertThat(r.stats().linesRead()).isPositive();
    }

    @Test
    void aWiderWindowReachesYesterdaysRestart() throws IOException {
        StoryLogs.write(root);
        LogProbe.Result r = read(Duration.ofDays(2));
        assertThat(r.events()).filteredOn(e -> e.time().getDayOfMonth() == 6)
                .extracting(LogEvent::kind).contains(EventKind.DOCKER_STOP, EventKind.DOCKERD_STARTING, EventKind.APT_DAILY_UPGRADE_START);
        // libssl is no Docker package: no event
        assertThat(r.events()).noneMatch(e -> "libssl1.1".equals(e.pkg()));
    }

    @Test
    void junkBesideGoodLogsIsSkippedAndCounted() throws IOException {
        // today's syslog with one 10 MB line in the middle
        String[] story = StoryLogs.SYSLOG.split("\n");
        StringBuilder today = new StringBuilder();
        for (int i = 0; i < story.length; i++) {
            today.append(story[i]).append('\n');
            if (i == 12) {
                today.append("Oct  7 06:30:00 gitlab-host dockerd[52140]: time=\"2021-10-07T06:30:00.000000001+02:00\" level=info msg=\"Processing signal 'terminated'\" ");
                today.append("x".repeat(10 * 1024 * 1024)).append('\n');
            }
        }
        StoryLogs.write(root, "var/log/syslog", today.toString(), at(2021, 10, 7, 8, 52, 40));
        // yesterday's rotation: plain
        StoryLogs.write(root, "var/log/syslog.1", """
                Oct  5 06:25:01 gitlab-host systemd[1]: Stopping containerd container runtime...
                Oct  5 06:25:03 gitlab-host systemd[1]: Started containerd container runtime.
                """, at(2021, 10, 5, 6, 25, 3));
        // the day before: gzip, cut off half-way
        byte[] gz = gzip("""
                Oct  4 06:10:00 gitlab-host systemd[1]: Starting Docker Application Container Engine...
                Oct  4 06:10:02 gitlab-host systemd[1]: Started Docker Application Container Engine.
                """ + "Oct  4 07:00:00 gitlab-host CRON[1]: (root) CMD (true)\n".repeat(20_000));
        Path gzPath = root.resolve("var/log/syslog.2.gz");
        Files.write(gzPath, java.util.Arrays.copyOf(gz, gz.length / 2));
        Files.setLastModifiedTime(gzPath, FileTime.from(at(2021, 10, 4, 23, 0, 0)));
        // and a binary file that only has a log's name
        byte[] junk = new byte[300_000];
        new Random(42).nextBytes(junk);
        Path bin = root.resolve("var/log/syslog.3");
        Files.write(bin, junk);
        Files.setLastModifiedTime(bin, FileTime.from(at(2021, 10, 3, 23, 0, 0)));

        LogProbe.Result r = read(Duration.ofDays(5));

        assertThat(r.events()).extracting(LogEvent::source).contains("/var/log/syslog", "/var/log/syslog.1", "/var/log/syslog.2.gz");
        assertThat(kinds(r.events(), "/var/log/syslog.2.gz")).containsExactly(EventKind.DOCKER_START, EventKind.DOCKER_START);
        assertThat(kinds(r.events(), "/var/log/syslog.1")).containsExactly(EventKind.CONTAINERD_STOP, EventKind.CONTAINERD_START);
        assertThat(r.events()).filteredOn(e -> e.source().equals("/var/log/syslog"))
                .extracting(LogEvent::kind).contains(EventKind.APT_DAILY_UPGRADE_START, EventKind.DOCKERD_READY);
        // the 10 MB line was cut, not lost: its head still tells what happened
        LogEvent longLine = r.events().stream()
                .filter(e -> e.time().equals(OffsetDateTime.parse("2021-10-07T06:30:00.000000001+02:00"))).findFirst().orElseThrow();
        assertThat(longLine.kind()).isEqualTo(EventKind.DOCKERD_TERMINATED);
        assertThat(longLine.message().length()).isLessThanOrEqualTo(1001);

        assertThat(r.stats().problems()).anySatisfy(p -> assertThat(p).startsWith("/var/log/syslog: 1 over-long line cut"));
        assertThat(r.stats().problems()).anySatisfy(p -> assertThat(p).startsWith("/var/log/syslog.2.gz: broken gzip"));
        assertThat(r.stats().problems()).anySatisfy(p -> assertThat(p).startsWith("/var/log/syslog.3: ").contains("binary line"));
        assertThat(r.stats().linesSkipped()).isPositive();
        assertThat(r.stats().filesRead()).isEqualTo(4);
    }

    @Test
    void yearIsInferredAcrossDecemberToJanuaryAndRotations() throws IOException {
        StoryLogs.write(root, "var/log/syslog.1", """
                Dec 30 22:00:00 h systemd[1]: Stopping Docker Application Container Engine...
                Dec 31 23:59:58 h systemd[1]: Started Docker Application Container Engine.
                """, at(2021, 12, 31, 23, 59, 58));
        StoryLogs.write(root, "var/log/syslog", """
                Dec 31 23:59:59 h systemd[1]: Stopping containerd container runtime...
                Jan  1 00:00:01 h systemd[1]: Started containerd container runtime.
                Jan  1 00:00:00 h systemd[1]: Reloading.
                Jan  2 10:00:00 h systemd[1]: Stopped Docker Application Container Engine.
                """, at(2022, 1, 2, 10, 0, 0));
        Instant now = at(2022, 1, 2, 12, 0, 0);
        LogProbe.Result r = new LogProbe(new HostFiles(root), ZONE, new FakeJournal(List.of())).read(now.minus(Duration.ofDays(7)), now);
        assertThat(r.events()).extracting(e -> e.time().toLocalDateTime().toString(), LogEvent::kind).containsExactly(
                tuple("2021-12-30T22:00", EventKind.DOCKER_STOP),
                tuple("2021-12-31T23:59:58", EventKind.DOCKER_START),
                tuple("2021-12-31T23:59:59", EventKind.CONTAINERD_STOP),
                tuple("2022-01-01T00:00", EventKind.SYSTEMD_RELOAD),
                tuple("2022-01-01T00:00:01", EventKind.CONTAINERD_START),
                tuple("2022-01-02T10:00", EventKind.DOCKER_STOP));
    }

    @Test
    void copiedFilesWithFreshMtimesStillGetTheYearFromTheNewerFile() throws IOException {
        // both files copied "now": mtimes say nothing; the newer file's first line bounds the older one
        Instant now = at(2022, 1, 2, 12, 0, 0);
        StoryLogs.write(root, "var/log/syslog.1", "Dec 31 23:00:00 h systemd[1]: Reloading.\n", now);
        StoryLogs.write(root, "var/log/syslog", "Jan  1 01:00:00 h systemd[1]: Reloading.\n", now);
        LogProbe.Result r = new LogProbe(new HostFiles(root), ZONE, new FakeJournal(List.of())).read(now.minus(Duration.ofDays(3)), now);
        assertThat(r.events()).extracting(e -> e.time().getYear()).containsExactly(2021, 2022);
    }

    @Test
    void dockerdsOwnTimeFixesTheYearOfTheLinesBeforeIt() throws IOException {
        // a file last written in 2023 whose lines are from 2021: the dockerd line says so
        StoryLogs.write(root, "var/log/syslog", """
                Oct  7 06:20:20 h systemd[1]: Stopping Docker Application Container Engine...
                Oct  7 06:20:20 h dockerd[1]: time="2021-10-07T06:20:20.1+02:00" level=info msg="Processing signal 'terminated'"
                """, at(2023, 1, 1, 0, 0, 0));
        Instant now = at(2023, 1, 1, 0, 0, 0);
        LogProbe.Result r = new LogProbe(new HostFiles(root), ZONE, new FakeJournal(List.of())).read(now.minus(Duration.ofDays(900)), now);
        assertThat(r.events()).extracting(e -> e.time().getYear()).containsExactly(2021, 2021);
    }

    @Test
    void theCostFollowsTheWindowNotTheFileSize() throws IOException {
        StringBuilder old = new StringBuilder();
        String noise = " gitlab-host kernel: [12345.678901] audit: type=1400 apparmor=\"ALLOWED\" operation=\"open\" profile=\"snap.lxd\" name=\"/proc/1/\" pid=1 comm=\"x\"\n";
        for (int day = 1; day <= 6; day++) {
            for (int s = 0; s < 86_400; s += 2) {
                old.append(String.format("Oct %2d %02d:%02d:%02d", day, s / 3600, s / 60 % 60, s % 60)).append(noise);
            }
        }
        Path p = StoryLogs.write(root, "var/log/syslog", old + StoryLogs.SYSLOG.substring(StoryLogs.SYSLOG_OLD.length()),
                at(2021, 10, 7, 8, 52, 40));
        long size = Files.size(p);
        LogProbe.Result r = read(Duration.ofHours(3)); // 06:00 .. 09:00
        assertThat(size).isGreaterThan(30L << 20);
        assertThat(r.bytesRead()).isLessThan(1L << 20);
        assertThat(r.events()).extracting(LogEvent::kind).contains(EventKind.APT_DAILY_UPGRADE_START, EventKind.DOCKERD_READY);
    }

    @Test
    void messagesAndDaemonLogAreReadWithoutSyslogAndTheirSharedLinesCountOnce() throws IOException {
        String line = "May  5 17:38:36 ose3 systemd[1]: Stopping Docker Application Container Engine...\n";
        StoryLogs.write(root, "var/log/messages", line, at(2021, 5, 5, 17, 40, 0));
        StoryLogs.write(root, "var/log/daemon.log", line + "May  5 17:38:40 ose3 systemd[1]: Starting Docker Application Container Engine...\n",
                at(2021, 5, 5, 17, 40, 0));
        Instant now = at(2021, 5, 5, 18, 0, 0);
        FakeJournal journal = new FakeJournal(List.of());
        LogProbe.Result r = new LogProbe(new HostFiles(root), ZONE, journal).read(now.minus(Duration.ofHours(1)), now);
        assertThat(r.events()).extracting(LogEvent::kind, LogEvent::source).containsExactly(
                tuple(EventKind.DOCKER_STOP, "/var/log/messages"), tuple(EventKind.DOCKER_START, "/var/log/daemon.log"));
        assertThat(journal.askedDirectories).isEmpty();
    }

    @Test
    void rfc3339SyslogIsReadWithItsOffsets() throws IOException {
        StoryLogs.write(root, "var/log/syslog", """
                2024-04-21T06:20:20.104117+02:00 host systemd[1]: Stopping docker.service - Docker Application Container Engine...
                2024-04-21T06:20:21.000000+0200 host systemd[1]: docker.service: Deactivated successfully.
                2024-04-21T06:20:24.612298 host systemd[1]: Starting docker.service - Docker Application Container Engine...
                """, at(2024, 4, 21, 6, 21, 0));
        Instant now = at(2024, 4, 21, 7, 0, 0);
        LogProbe.Result r = new LogProbe(new HostFiles(root), ZONE, new FakeJournal(List.of())).read(now.minus(Duration.ofHours(1)), now);
        assertThat(r.events()).extracting(e -> e.time().toString(), LogEvent::kind).containsExactly(
                tuple("2024-04-21T06:20:20.104117+02:00", EventKind.DOCKER_STOP),
                tuple("2024-04-21T06:20:21+02:00", EventKind.DOCKER_STOP),
                tuple("2024-04-21T06:20:24.612298+02:00", EventKind.DOCKER_START));
    }

    @Test
    void withoutSyslogTheJournalIsRead() throws IOException {
        Files.createDirectories(root.resolve("var/log/journal"));
        long us = NOW.minus(Duration.ofHours(2)).toEpochMilli() * 1000;
        FakeJournal journal = new FakeJournal(List.of(
                // newest first, as journalctl --reverse gives them
                "{\"__REALTIME_TIMESTAMP\":\"" + (us + 2_000_000) + "\",\"SYSLOG_IDENTIFIER\":\"dockerd\",\"_PID\":\"52140\",\"_SYSTEMD_UNIT\":\"docker.service\",\"MESSAGE\":\"time=\\\"x\\\" level=info msg=\\\"Starting up\\\"\"}",
                "{\"__REALTIME_TIMESTAMP\":\"" + (us + 1_000_000) + "\",\"SYSLOG_IDENTIFIER\":\"dockerd\",\"_PID\":\"52140\",\"_SYSTEMD_UNIT\":\"docker.service\",\"CONTAINER_ID\":\"141fbe360a87\",\"MESSAGE\":\"Starting up\"}",
                "not json",
                "{\"__REALTIME_TIMESTAMP\":\"" + us + "\",\"SYSLOG_IDENTIFIER\":\"systemd\",\"_PID\":\"1\",\"UNIT\":\"docker.service\",\"MESSAGE\":[83,116,111,112,112,105,110,103,32,68,111,99,107,101,114,32,65,112,112,108,105,99,97,116,105,111,110,32,67,111,110,116,97,105,110,101,114,32,69,110,103,105,110,101,46,46,46]}"));
        LogProbe.Result r = new LogProbe(new HostFiles(root), ZONE, journal).read(NOW.minus(Duration.ofHours(24)), NOW);
        assertThat(journal.askedDirectories).containsExactly(root.resolve("var/log/journal"));
        assertThat(r.events()).extracting(LogEvent::kind, LogEvent::source, LogEvent::message).containsExactly(
                tuple(EventKind.DOCKER_STOP, "journal", "systemd[1]: Stopping Docker Application Container Engine..."),
                tuple(EventKind.DOCKERD_STARTING, "journal", "dockerd[52140]: time=\"x\" level=info msg=\"Starting up\""));
        assertThat(r.events().get(0).time().getOffset()).isEqualTo(ZoneOffset.ofHours(2));
        assertThat(r.stats().linesSkipped()).isEqualTo(1);
    }

    @Test
    void nothingToReadIsSaidNotThrown() {
        LogProbe.Result r = read(Duration.ofHours(24));
        assertThat(r.events()).isEmpty();
        assertThat(r.stats().problems()).containsExactly(
                "no syslog file (/var/log/syslog, /var/log/messages) and no journal (/var/log/journal) to read");
    }

    @Test
    void aHalfWrittenBlockAndForeignLinesDoNotBreakAptLogs() throws IOException {
        StoryLogs.write(root, "var/log/apt/history.log", StoryLogs.HISTORY + "\nStart-Date: 2021-10-07  08:00:00\nCommandline: apt-get ins",
                at(2021, 10, 7, 8, 0, 0));
        StoryLogs.write(root, "var/log/dpkg.log", StoryLogs.DPKG + "garbage that is no dpkg line\n", at(2021, 10, 7, 8, 0, 0));
        LogProbe.Result r = read(Duration.ofHours(24));
        assertThat(r.events()).filteredOn(e -> e.kind() == EventKind.PACKAGE_UPGRADE).hasSize(6);
        assertThat(r.stats().linesSkipped()).isEqualTo(1);
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (OutputStream o = new GZIPOutputStream(bo)) {
            o.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bo.toByteArray();
    }

    @Test
    void everyEventLineInALongWindowIsFoundWhicheverBlockItLandsIn() throws IOException {
        // four days of a busy host's noise (many blocks, most read at a glance) with event lines at random seconds;
        // the answer key is the injected lines themselves
        String[] noise = {
                " gitlab-host kernel: [7995757.435761] audit: type=1400 apparmor=\"DENIED\" operation=\"open\" profile=\"snap.lxd.daemon\"",
                " gitlab-host systemd[1]: Started Session 39987 of user admin.",
                " gitlab-host dockerd[1021]: time=\"%T\" level=info msg=\"ignoring event\" container=d996d2831a59",
                " gitlab-host containerd[900]: time=\"%T\" level=info msg=\"shim disconnected\" id=d996d2",
                " gitlab-host systemd[1]: run-docker-runtime\\x2drunc-moby-1a2b.mount: Succeeded.",
                " gitlab-host dockerd[1021]: time=\"%T\" level=info msg=\"pickfirst: transport is closing\" module=grpc",
                " gitlab-host sshd[24226]: Connection closed by 203.0.113.1 port 25250 [preauth]"};
        String[][] events = {
                {" gitlab-host systemd[1]: Stopping Docker Application Container Engine...", "DOCKER_STOP"},
                {" gitlab-host systemd[1]: Started Docker Application Container Engine.", "DOCKER_START"},
                {" gitlab-host systemd[1]: Starting containerd.service - containerd container runtime...", "CONTAINERD_START"},
                {" gitlab-host systemd[1]: Reloading.", "SYSTEMD_RELOAD"},
                {" gitlab-host systemd[1]: Starting Daily apt upgrade and clean activities...", "APT_DAILY_UPGRADE_START"},
                {" gitlab-host dockerd[1021]: time=\"%T\" level=error msg=\"Failed to get event\" error=\"rpc error: transport is closing\"", "CONTAINERD_LOST"},
                {" gitlab-host containerd[900]: time=\"%T\" level=info msg=\"containerd successfully booted in 0.041s\"", "CONTAINERD_START"}};
        Random rnd = new Random(5);
        Instant start = NOW.minus(Duration.ofDays(4));
        StringBuilder text = new StringBuilder();
        List<String> want = new java.util.ArrayList<>();
        java.time.format.DateTimeFormatter stamp = java.time.format.DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", java.util.Locale.ENGLISH);
        Instant windowStart = NOW.minus(Duration.ofHours(60));
        for (Instant t = start; t.isBefore(NOW); t = t.plusSeconds(3)) {
            String head = stamp.format(t.atZone(ZONE));
            String iso = t.atZone(ZONE).toOffsetDateTime().toString(); // dockerd's own time, the same second
            if (rnd.nextInt(400) == 0) {
                String[] e = events[rnd.nextInt(events.length)];
                text.append(head).append(e[0].replace("%T", iso)).append('\n');
                if (!t.isBefore(windowStart)) want.add(t.getEpochSecond() + " " + e[1]);
            } else {
                text.append(head).append(noise[rnd.nextInt(noise.length)].replace("%T", iso)).append('\n');
            }
        }
        StoryLogs.write(root, "var/log/syslog", text.toString(), NOW);
        LogProbe.Result r = read(Duration.ofHours(60));
        List<String> got = r.events().stream().map(e -> e.time().toEpochSecond() + " " + e.kind()).toList();
        assertThat(want).hasSizeGreaterThan(100);
        assertThat(got).containsExactlyElementsOf(want);
        assertThat(r.bytesRead()).isGreaterThan(4L * FamilyReader.BLOCK);
    }
}
