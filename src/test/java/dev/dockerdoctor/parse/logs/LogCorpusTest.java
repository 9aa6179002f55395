package dev.dockerdoctor.parse.logs;

import dev.dockerdoctor.Corpus;
import dev.dockerdoctor.model.EventKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every real log excerpt in ../shared/corpus/logs parses into the fields its SOURCES.md lists. Skips (and says so)
 * when the corpus is not on the machine.
 */
class LogCorpusTest {
    private static Path dir;

    @BeforeAll
    static void corpus() {
        dir = Corpus.dir("logs");
    }

    private static String read(String name) throws IOException {
        return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
    }

    private static List<String> lines(String name) throws IOException {
        return read(name).lines().filter(l -> !l.isEmpty()).toList();
    }

    private static List<SyslogLine> syslog(String name) throws IOException {
        return SyslogParser.parseAll(read(name));
    }

    private static List<EventKind> kinds(List<SyslogLine> recs) {
        return recs.stream().map(r -> EventClassifier.classify(r.program(), r.message())).filter(k -> k != null).toList();
    }

    @Test
    void everyExcerptIsCoveredByACaseHere() throws IOException {
        Set<String> covered = Set.of(
                "loghub__Linux-Linux_2k.log", "loghub__OpenSSH-OpenSSH_2k.log",
                "gh-docker-for-linux-1312__journal-docker-restart.log", "gh-ros2-ci-702__journal-docker-restart.log",
                "gh-vmware-photon-1244__journal-docker-stop-de-locale.log",
                "gh-openshift-ansible-4099__journal-docker-start-stop.log",
                "gh-docker-for-linux-813__journalctl-xe-docker.txt", "gh-moby-moby-31733__syslog-apt-daily-apparmor.log",
                "elastic-beats__filebeat-module-system-syslog-test-tz-offset.log",
                "elastic-beats__filebeat-module-system-syslog-test-iso8601_timestamp_multiline_syslog.log",
                "gh-moby-moby-20443__journalctl-o-json.jsonl", "gh-docker-for-linux-813__apt-history.log",
                "gh-mvo5-unattended-upgrades-pr40__apt-history-remove.log", "gh-moby-moby-30036__dpkg.log",
                "gh-docker-for-linux-1155__unattended-upgrades.log", "gh-nextcloudpi-170__unattended-upgrades-de-locale.log");
        try (Stream<Path> s = Files.list(dir)) {
            List<String> logs = s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".log") || n.endsWith(".txt") || n.endsWith(".jsonl")).sorted().toList();
            assertThat(logs).as("log excerpts in the corpus").isNotEmpty();
            assertThat(covered).containsAll(logs);
        }
    }

    // ---- loghub, with their answer keys ----

    @Test
    void linuxMessagesAgreeWithTheLoghubAnswerKey() throws IOException {
        List<String> raw = read("loghub__Linux-Linux_2k.log").lines().toList();
        List<List<String>> csv = Csv.read(read("loghub__Linux-Linux_2k.log_structured.csv"));
        Map<String, Integer> col = Csv.header(csv.get(0));
        assertThat(raw).hasSize(csv.size() - 1).hasSize(2000);
        int agree = 0;
        List<String> disagreements = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            List<String> want = csv.get(i + 1);
            SyslogLine got = SyslogParser.parse(raw.get(i));
            assertThat(got).as("line %d parses: %s", i + 1, raw.get(i)).isNotNull();
            // time and host must always match: those decide the timeline
            assertThat(got.month()).isEqualTo(Map.of("Jun", 6, "Jul", 7).get(want.get(col.get("Month"))));
            assertThat(got.day()).isEqualTo(Integer.parseInt(want.get(col.get("Date"))));
            assertThat(got.time()).isEqualTo(LocalTime.parse(want.get(col.get("Time"))));
            assertThat(got.year()).isNull();
            assertThat(got.host()).isEqualTo(want.get(col.get("Level"))); // loghub's "Level" column is the host
            String pid = want.get(col.get("PID"));
            boolean same = eq(got.program(), want.get(col.get("Component")))
                    && eq(got.pid(), pid.isEmpty() ? null : pid)
                    && eq(got.message().strip(), want.get(col.get("Content")));
            if (same) agree++;
            else disagreements.add((i + 1) + ": " + got.program() + "|" + got.pid() + "|" + got.message() + "  vs  " + want);
        }
        double rate = agree / (double) raw.size();
        System.out.printf("loghub Linux_2k: program, pid and message agree on %d/%d lines (%.2f%%)%n", agree, raw.size(), rate * 100);
        disagreements.forEach(d -> System.out.println("  differs: " + d));
        assertThat(rate).isGreaterThanOrEqualTo(0.995);
    }

    @Test
    void openSshLinesAgreeWithTheLoghubAnswerKey() throws IOException {
        List<String> raw = read("loghub__OpenSSH-OpenSSH_2k.log").lines().toList();
        List<List<String>> csv = Csv.read(read("loghub__OpenSSH-OpenSSH_2k.log_structured.csv"));
        Map<String, Integer> col = Csv.header(csv.get(0));
        assertThat(raw).hasSize(csv.size() - 1).hasSize(2000);
        int agree = 0;
        for (int i = 0; i < raw.size(); i++) {
            List<String> want = csv.get(i + 1);
            SyslogLine got = SyslogParser.parse(raw.get(i));
            assertThat(got).as("line %d", i + 1).isNotNull();
            assertThat(got.month()).isEqualTo(12);
            assertThat(got.day()).isEqualTo(Integer.parseInt(want.get(col.get("Day"))));
            assertThat(got.time()).isEqualTo(LocalTime.parse(want.get(col.get("Time"))));
            // loghub's "Component" column holds the host here
            boolean same = eq(got.host(), want.get(col.get("Component"))) && eq(got.program(), "sshd")
                    && eq(got.pid(), want.get(col.get("Pid"))) && eq(got.message().strip(), want.get(col.get("Content")));
            if (same) agree++;
            else System.out.println("  differs: " + (i + 1) + ": " + got + "  vs  " + want);
        }
        double rate = agree / (double) raw.size();
        System.out.printf("loghub OpenSSH_2k: program, pid and message agree on %d/%d lines (%.2f%%)%n", agree, raw.size(), rate * 100);
        assertThat(rate).isGreaterThanOrEqualTo(0.995);
    }

    @Test
    void linuxProgramCountsAreTheOnesSourcesLists() throws IOException {
        Map<String, Long> counts = read("loghub__Linux-Linux_2k.log").lines().map(SyslogParser::parse)
                .collect(Collectors.groupingBy(SyslogLine::program, TreeMap::new, Collectors.counting()));
        assertThat(counts).containsEntry("ftpd", 916L).containsEntry("sshd(pam_unix)", 677L)
                .containsEntry("su(pam_unix)", 172L).containsEntry("kernel", 76L).containsEntry("klogind", 46L)
                .containsEntry("logrotate", 43L).containsEntry("named", 16L).containsEntry("cups", 12L)
                .containsEntry("udev", 8L).containsEntry("syslogd 1.4.1", 7L).containsEntry("xinetd", 2L)
                .containsEntry("syslog", 2L);
        SyslogLine root = SyslogParser.parse("Jul  7 08:06:15 combo  -- root[2421]: ROOT LOGIN ON tty2");
        assertThat(root.program()).isEqualTo("-- root");
        assertThat(root.pid()).isEqualTo("2421");
        assertThat(root.day()).isEqualTo(7);
        SyslogLine restart = SyslogParser.parse("Jun 19 04:09:11 combo syslogd 1.4.1: restart.");
        assertThat(restart.program()).isEqualTo("syslogd 1.4.1");
        assertThat(restart.pid()).isNull();
        assertThat(restart.message()).isEqualTo("restart.");
    }

    // ---- docker and containerd restarts, journal short format ----

    @Test
    void dockerForLinux1312RestartIsStoppedStartingStartingUp() throws IOException {
        List<SyslogLine> recs = syslog("gh-docker-for-linux-1312__journal-docker-restart.log");
        assertThat(recs).hasSize(9);
        assertThat(recs).allSatisfy(r -> {
            assertThat(r.month()).isEqualTo(10);
            assertThat(r.day()).isEqualTo(7);
            assertThat(r.time()).isEqualTo(LocalTime.of(6, 27, 14));
            assertThat(r.host()).isEqualTo("SERVER-10");
        });
        assertThat(recs.subList(0, 2)).extracting(SyslogLine::program, SyslogLine::pid)
                .containsOnly(org.assertj.core.groups.Tuple.tuple("systemd", "1"));
        assertThat(recs.subList(2, 9)).extracting(SyslogLine::program, SyslogLine::pid)
                .containsOnly(org.assertj.core.groups.Tuple.tuple("dockerd", "1997593"));
        assertThat(SyslogParser.logrusTime(recs.get(2).message()))
                .isEqualTo(OffsetDateTime.parse("2021-10-07T06:27:14.654751359+08:00"));
        assertThat(recs.get(4).message()).contains("msg=\"parsed scheme: \\\"unix\\\"\"");
        assertThat(kinds(recs)).containsExactly(EventKind.DOCKER_STOP, EventKind.DOCKER_START, EventKind.DOCKERD_STARTING);
    }

    @Test
    void ros2RestartShowsANewDockerdPid() throws IOException {
        List<SyslogLine> recs = syslog("gh-ros2-ci-702__journal-docker-restart.log");
        assertThat(recs).hasSize(9).allSatisfy(r -> assertThat(r.host()).isEqualTo("ip-10-0-1-221"));
        List<String> dockerdPids = recs.stream().filter(r -> "dockerd".equals(r.program())).map(SyslogLine::pid).distinct().toList();
        assertThat(dockerdPids).containsExactly("498829", "499016");
        assertThat(recs).filteredOn(r -> "systemd".equals(r.program())).extracting(SyslogLine::pid, SyslogLine::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("1", "docker.service: Succeeded."),
                        org.assertj.core.groups.Tuple.tuple("1", "docker.socket: Succeeded."));
        assertThat(SyslogParser.logrusTime(recs.get(4).message())).isEqualTo(OffsetDateTime.parse("2023-06-06T06:44:15.285510408Z"));
        assertThat(kinds(recs)).containsExactly(EventKind.DOCKER_STOP, EventKind.DOCKERD_STARTING);
    }

    @Test
    void photonGermanMonthsParse() throws IOException {
        List<SyslogLine> recs = syslog("gh-vmware-photon-1244__journal-docker-stop-de-locale.log");
        assertThat(recs).hasSize(7).allSatisfy(r -> {
            assertThat(r.month()).isEqualTo(10);
            assertThat(r.host()).isEqualTo("photon-vm");
        });
        SyslogLine started = recs.get(4);
        assertThat(started.day()).isEqualTo(7);
        assertThat(started.time()).isEqualTo(LocalTime.of(16, 32, 8));
        assertThat(started.message()).isEqualTo("Started Docker Application Container Engine.");
        SyslogLine stopping = recs.get(5);
        assertThat(stopping.day()).isEqualTo(10);
        assertThat(stopping.time()).isEqualTo(LocalTime.of(6, 36, 39));
        assertThat(kinds(recs)).containsExactly(EventKind.DOCKERD_READY, EventKind.DOCKER_START, EventKind.DOCKER_STOP,
                EventKind.DOCKERD_TERMINATED);
    }

    @Test
    void openshiftRestartLoopHasFourStartsAndThreeStops() throws IOException {
        List<SyslogLine> recs = syslog("gh-openshift-ansible-4099__journal-docker-start-stop.log");
        assertThat(recs).hasSize(7).allSatisfy(r -> assertThat(r.host()).isEqualTo("ose3-master.example.com"));
        assertThat(recs.get(0).time()).isEqualTo(LocalTime.of(17, 31, 33));
        assertThat(recs.get(6).time()).isEqualTo(LocalTime.of(17, 38, 52));
        List<EventKind> k = kinds(recs);
        assertThat(k).filteredOn(x -> x == EventKind.DOCKER_START).hasSize(4);
        assertThat(k).filteredOn(x -> x == EventKind.DOCKER_STOP).hasSize(3);
    }

    @Test
    void journalctlXeCatalogueLinesAreNotRecords() throws IOException {
        List<SyslogLine> recs = syslog("gh-docker-for-linux-813__journalctl-xe-docker.txt");
        assertThat(recs).hasSize(1);
        SyslogLine r = recs.get(0);
        assertThat(r.month()).isEqualTo(10);
        assertThat(r.day()).isEqualTo(20);
        assertThat(r.time()).isEqualTo(LocalTime.of(6, 21, 4));
        assertThat(r.host()).isEqualTo("bulgaria");
        assertThat(r.program()).isEqualTo("systemd");
        assertThat(r.pid()).isEqualTo("1");
        assertThat(kinds(recs)).containsExactly(EventKind.DOCKER_STOP);
        assertThat(lines("gh-docker-for-linux-813__journalctl-xe-docker.txt")).filteredOn(SyslogParser::isCatalogLine).hasSize(8);
    }

    @Test
    void aptDailyWithAppArmorAndKernelLines() throws IOException {
        List<SyslogLine> recs = syslog("gh-moby-moby-31733__syslog-apt-daily-apparmor.log");
        assertThat(recs).hasSize(7).allSatisfy(r -> assertThat(r.host()).isEqualTo("aws-acme-qa-node-1"));
        assertThat(recs.get(0).time()).isEqualTo(LocalTime.of(4, 26, 28));
        assertThat(recs.get(0).message()).isEqualTo("Starting Daily apt activities...");
        assertThat(recs.get(1).program()).isEqualTo("bash");
        assertThat(recs.get(1).pid()).isEqualTo("3074");
        assertThat(recs.get(1).message()).startsWith("    2017/03/10 04:26:36 [WARN]");
        assertThat(recs.get(5).program()).isEqualTo("apparmor");
        assertThat(recs.get(5).message()).isEqualTo(" * Reloading AppArmor profiles");
        SyslogLine kernel = recs.get(6);
        assertThat(kernel.program()).isEqualTo("kernel");
        assertThat(kernel.pid()).isNull();
        assertThat(kernel.message()).startsWith("[275867.857428] audit: type=1400");
        assertThat(kinds(recs)).containsExactly(EventKind.APT_DAILY_UPGRADE_START, EventKind.SYSTEMD_RELOAD);
    }

    // ---- RFC3339 syslog ----

    @Test
    void rfc3339OffsetsWithAndWithoutColonAndNone() throws IOException {
        List<SyslogLine> recs = syslog("elastic-beats__filebeat-module-system-syslog-test-tz-offset.log");
        assertThat(recs).hasSize(3);
        SyslogLine a = recs.get(0);
        assertThat(a.at(0, ZoneOffset.UTC)).isEqualTo(OffsetDateTime.parse("1986-04-26T01:23:45.101+04:00"));
        assertThat(a.host()).isEqualTo("rmbkmonitor04");
        assertThat(a.program()).isEqualTo("shutdown");
        assertThat(a.pid()).isEqualTo("2649");
        SyslogLine b = recs.get(1);
        assertThat(b.at(0, ZoneOffset.UTC)).isEqualTo(OffsetDateTime.parse("1986-04-26T01:23:45.388424+04:00"));
        assertThat(b.program()).isEqualTo("thermald");
        assertThat(b.pid()).isNull();
        SyslogLine c = recs.get(2);
        assertThat(c.offset()).isNull();
        assertThat(c.at(0, java.time.ZoneId.of("Europe/Berlin")))
                .isEqualTo(OffsetDateTime.parse("2019-06-14T10:40:20.912134+02:00"));
        assertThat(c.host()).isEqualTo("localhost");
        assertThat(c.program()).isEqualTo("sudo");
        assertThat(c.pid()).isNull();
        assertThat(c.message()).startsWith("pam_unix(sudo-i:session): session opened for user root");
    }

    @Test
    void multilineRecordKeepsItsContinuationLines() throws IOException {
        List<SyslogLine> recs = syslog("elastic-beats__filebeat-module-system-syslog-test-iso8601_timestamp_multiline_syslog.log");
        assertThat(recs).hasSize(1);
        SyslogLine r = recs.get(0);
        assertThat(r.at(0, ZoneOffset.UTC)).isEqualTo(OffsetDateTime.parse("2020-12-25T23:59:59+02:00"));
        assertThat(r.host()).isEqualTo("a-mac-with-esc-key");
        assertThat(r.program()).isEqualTo("GoogleSoftwareUpdateAgent");
        assertThat(r.pid()).isEqualTo("21412");
        assertThat(r.message().split("\n")).hasSize(3);
        assertThat(r.message()).contains("\t\tinstalled products, except:'com.google.Keystone'.");
    }

    // ---- journal JSON ----

    @Test
    void journalJsonEntry() throws IOException {
        List<String> ls = lines("gh-moby-moby-20443__journalctl-o-json.jsonl");
        assertThat(ls).hasSize(1);
        JournalEntry e = JournalParser.parse(ls.get(0), ZoneOffset.UTC);
        assertThat(e.time().toInstant()).isEqualTo(Instant.parse("2017-10-11T21:47:23.429858Z"));
        assertThat(e.host()).isEqualTo("ubuntu-2gb-ams3-01");
        assertThat(e.comm()).isEqualTo("dockerd");
        assertThat(e.program()).isEqualTo("dockerd");
        assertThat(e.pid()).isEqualTo("9008");
        assertThat(e.systemdUnit()).isEqualTo("docker.service");
        assertThat(e.message()).isEqualTo("error: database is uninitialized and password option is not specified ");
        assertThat(e.containerId()).isEqualTo("141fbe360a87");
        // container output through the journald driver is not an event about Docker itself
        assertThat(LogEvents.fromJournal(e)).isNull();
    }

    // ---- apt, dpkg, unattended-upgrades ----

    @Test
    void aptHistoryWithEpochVersions() throws IOException {
        List<AptRun> runs = AptHistoryParser.parse(read("gh-docker-for-linux-813__apt-history.log"));
        assertThat(runs).hasSize(3).allSatisfy(r -> {
            assertThat(r.commandline()).isEqualTo("/usr/bin/unattended-upgrade");
            assertThat(r.requestedBy()).isNull();
            assertThat(r.unattended()).isTrue();
            assertThat(r.changes()).hasSize(1);
        });
        assertThat(runs).extracting(AptRun::start, AptRun::end).containsExactly(
                org.assertj.core.groups.Tuple.tuple(LocalDateTime.parse("2019-10-20T06:20:51"), LocalDateTime.parse("2019-10-20T06:20:58")),
                org.assertj.core.groups.Tuple.tuple(LocalDateTime.parse("2019-10-20T06:20:59"), LocalDateTime.parse("2019-10-20T06:21:03")),
                org.assertj.core.groups.Tuple.tuple(LocalDateTime.parse("2019-10-20T06:21:04"), LocalDateTime.parse("2019-10-20T06:21:07")));
        assertThat(runs.get(0).changes().get(0)).isEqualTo(new PackageChange("Upgrade", "docker-ce", "amd64",
                "5:19.03.3~3-0~ubuntu-xenial", "5:19.03.4~3-0~ubuntu-xenial", false));
        assertThat(runs.get(1).changes().get(0)).isEqualTo(new PackageChange("Upgrade", "docker-ce-cli", "amd64",
                "5:19.03.3~3-0~ubuntu-xenial", "5:19.03.4~3-0~ubuntu-xenial", false));
        assertThat(runs.get(2).changes().get(0)).isEqualTo(new PackageChange("Upgrade", "containerd.io", "amd64",
                "1.2.10-2", "1.2.10-3", false));
    }

    @Test
    void aptHistoryRemoveHasOneVersion() throws IOException {
        List<AptRun> runs = AptHistoryParser.parse(read("gh-mvo5-unattended-upgrades-pr40__apt-history-remove.log"));
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).start()).isEqualTo(LocalDateTime.parse("2016-12-20T07:42:53"));
        assertThat(runs.get(0).end()).isEqualTo(LocalDateTime.parse("2016-12-20T07:43:03"));
        assertThat(runs.get(0).unattended()).isTrue();
        assertThat(runs.get(0).changes()).containsExactly(
                new PackageChange("Remove", "libspeechd2", "amd64", "0.8.3-1ubuntu3", null, false));
    }

    @Test
    void dpkgLogInstallsUpgradesAndStatus() throws IOException {
        List<String> ls = lines("gh-moby-moby-30036__dpkg.log");
        List<DpkgEntry> es = ls.stream().map(DpkgLogParser::parse).toList();
        assertThat(es).hasSize(17).doesNotContainNull();
        assertThat(es.get(0).action()).isEqualTo("startup");
        assertThat(es.get(0).time()).isEqualTo(LocalDateTime.parse("2017-01-10T15:40:57"));
        assertThat(es.get(16).time()).isEqualTo(LocalDateTime.parse("2017-01-10T15:41:06"));
        assertThat(es.get(1)).isEqualTo(new DpkgEntry(LocalDateTime.parse("2017-01-10T15:40:57"), "install",
                "linux-image-4.4.0-59-generic", "amd64", null, "4.4.0-59.80", null));
        assertThat(es.get(2).status()).isEqualTo("half-installed");
        assertThat(es.get(2).to()).isEqualTo("4.4.0-59.80");
        assertThat(es).filteredOn(DpkgEntry::isUpgrade).extracting(DpkgEntry::name, DpkgEntry::from, DpkgEntry::to)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("linux-generic", "4.4.0.57.60", "4.4.0.59.62"),
                        org.assertj.core.groups.Tuple.tuple("linux-image-generic", "4.4.0.57.60", "4.4.0.59.62"));
        assertThat(es).filteredOn(e -> "status".equals(e.action())).extracting(DpkgEntry::status)
                .contains("half-installed", "unpacked", "half-configured");
    }

    @Test
    void unattendedUpgradesEnglish() throws IOException {
        List<String> ls = lines("gh-docker-for-linux-1155__unattended-upgrades.log");
        List<UnattendedLine> us = ls.stream().map(UnattendedUpgradesParser::parse).toList();
        assertThat(us).hasSize(2).doesNotContainNull();
        assertThat(us.get(0).time()).isEqualTo(LocalDateTime.parse("2020-12-02T00:06:27.414"));
        assertThat(us.get(0).level()).isEqualTo("INFO");
        assertThat(us.get(0).message()).startsWith("Allowed origins are: o=Ubuntu,a=bionic").endsWith(" ");
        assertThat(us.get(1).message()).isEqualTo("No packages found that can be upgraded unattended and no pending auto-removals");
    }

    @Test
    void unattendedUpgradesGermanRunsAreFoundByTimeNotText() throws IOException {
        List<UnattendedLine> us = lines("gh-nextcloudpi-170__unattended-upgrades-de-locale.log").stream()
                .map(UnattendedUpgradesParser::parse).toList();
        assertThat(us).hasSize(12).doesNotContainNull();
        assertThat(us.get(1).message()).isEqualTo("Skript für unbeaufsichtigte Upgrades wird gestartet.");
        List<UnattendedUpgradesParser.Run> runs = UnattendedUpgradesParser.runs(us, UnattendedUpgradesParser.RUN_GAP,
                LocalDateTime.parse("2017-08-05T00:00"));
        assertThat(runs).hasSize(3).allSatisfy(r -> assertThat(r.finished()).isTrue());
        assertThat(runs.get(0).first().time()).isEqualTo(LocalDateTime.parse("2017-08-02T06:00:18.764"));
        assertThat(runs.get(0).last().time()).isEqualTo(LocalDateTime.parse("2017-08-02T06:01:26.971"));
        assertThat(runs.get(2).first().time()).isEqualTo(LocalDateTime.parse("2017-08-04T06:03:38.198"));
        assertThat(Duration.between(runs.get(2).first().time(), runs.get(2).last().time())).isLessThan(Duration.ofMinutes(2));
    }

    private static boolean eq(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }

    @Test
    void theBytePrefilterNeverHidesAnEventOfTheCorpus() throws IOException {
        int events = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".log") || p.toString().endsWith(".txt")).toList()) {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    SyslogLine rec = SyslogParser.parse(line);
                    if (rec == null || EventClassifier.classify(rec.program(), rec.message()) == null) continue;
                    events++;
                    byte[] b = line.getBytes(StandardCharsets.UTF_8);
                    Stamp st = new Stamp();
                    assertThat(SyslogParser.parseStamp(b, 0, b.length, st)).isTrue();
                    assertThat(EventClassifier.mayBeEvent(b, 0, b.length, st.end())).as(line).isTrue();
                }
            }
        }
        assertThat(events).isGreaterThan(10);
    }
}
