package dev.dockerdoctor.evidence;

import dev.dockerdoctor.model.EventKind;
import dev.dockerdoctor.model.LogEvent;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The journal path for real: journal files made with systemd-journal-remote from export-format text, read through
 * the real journalctl with --directory under a host root. Skips when the tools are missing, unless
 * DOCTOR_REQUIRE_DOCKER=1.
 */
class JournalCtlIT {
    private static final String REMOTE = "/lib/systemd/systemd-journal-remote";
    private static final Instant BASE = StoryLogs.at(2021, 10, 7, 6, 20, 17);

    @TempDir
    Path root;

    @BeforeEach
    void tools() {
        boolean have = Files.isExecutable(Path.of(REMOTE)) && Files.isExecutable(Path.of(JournalCtl.standard().argv(root, BASE, BASE, false).get(0)));
        if (!have) {
            if ("1".equals(System.getenv("DOCTOR_REQUIRE_DOCKER"))) fail("journalctl or " + REMOTE + " is missing and DOCTOR_REQUIRE_DOCKER=1");
            Assumptions.abort("skipped: journalctl or " + REMOTE + " (package systemd-journal-remote) is not installed");
        }
    }

    private static int seq;

    /** One entry in journal export format. */
    private static String entry(int secondsAfterBase, String ident, String pid, String field, String unit, String message) {
        long us = (BASE.getEpochSecond() + secondsAfterBase) * 1_000_000L + 104_117;
        seq++;
        StringBuilder b = new StringBuilder();
        b.append("__CURSOR=s=0;i=").append(seq).append('\n');
        b.append("__REALTIME_TIMESTAMP=").append(us).append('\n');
        b.append("__MONOTONIC_TIMESTAMP=").append(1000 + seq).append('\n');
        b.append("_BOOT_ID=609e5a3fed2f4bf29a615ac88e229be0\n");
        b.append("_HOSTNAME=gitlab-host\n");
        b.append("SYSLOG_IDENTIFIER=").append(ident).append('\n');
        b.append("_COMM=").append(ident).append('\n');
        b.append("_PID=").append(pid).append('\n');
        if (field != null) b.append(field).append('=').append(unit).append('\n');
        b.append("MESSAGE=").append(message).append("\n\n");
        return b.toString();
    }

    private void makeJournal(String export) throws IOException, InterruptedException {
        Path dir = Files.createDirectories(root.resolve("var/log/journal/0123456789abcdef0123456789abcdef"));
        Path in = root.resolve("export.txt");
        Files.writeString(in, export, StandardCharsets.UTF_8);
        Process p = new ProcessBuilder(REMOTE, "-o", dir.resolve("remote.journal").toString(), in.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("systemd-journal-remote did not finish");
        }
        assertThat(p.exitValue()).as("systemd-journal-remote: %s", out).isZero();
    }

    @Test
    void theStoryFromTheJournalWhenThereIsNoSyslog() throws Exception {
        makeJournal(entry(-86_400 * 2, "systemd", "1", "UNIT", "docker.service", "Stopping Docker Application Container Engine...")
                + entry(0, "systemd", "1", "UNIT", "apt-daily-upgrade.service", "Starting apt-daily-upgrade.service - Daily apt upgrade and clean activities...")
                + entry(1, "cron", "700", "_SYSTEMD_UNIT", "cron.service", "(root) CMD (true)")
                + entry(3, "systemd", "1", "UNIT", "docker.service", "Stopping docker.service - Docker Application Container Engine...")
                + entry(3, "dockerd", "1021", "_SYSTEMD_UNIT", "docker.service", "time=\"2021-10-07T06:20:20.104117642+02:00\" level=info msg=\"Processing signal 'terminated'\"")
                + entry(4, "systemd", "1", "UNIT", "containerd.service", "Stopping containerd.service - containerd container runtime...")
                + entry(5, "systemd", "1", null, null, "Reloading.")
                + entry(7, "dockerd", "52140", "_SYSTEMD_UNIT", "docker.service", "time=\"2021-10-07T06:20:24.612298101+02:00\" level=info msg=\"Starting up\"")
                + entry(8, "dockerd", "52140", "_SYSTEMD_UNIT", "docker.service", "some container output")
                + entry(9, "systemd", "1", "UNIT", "docker.service", "Started docker.service - Docker Application Container Engine."));

        Instant now = BASE.plus(Duration.ofHours(3));
        LogProbe.Result r = new LogProbe(new dev.dockerdoctor.evidence.HostFiles(root), StoryLogs.ZONE)
                .read(now.minus(Duration.ofHours(24)), now);

        assertThat(r.stats().problems()).isEmpty();
        assertThat(r.events()).extracting(LogEvent::source).containsOnly("journal");
        assertThat(r.events()).extracting(LogEvent::kind).containsExactly(
                EventKind.APT_DAILY_UPGRADE_START, EventKind.DOCKER_STOP, EventKind.DOCKERD_TERMINATED,
                EventKind.CONTAINERD_STOP, EventKind.SYSTEMD_RELOAD, EventKind.DOCKERD_STARTING, EventKind.DOCKER_START);
        assertThat(r.events().get(0).time().toString()).isEqualTo("2021-10-07T06:20:17.104117+02:00");
        assertThat(r.events().get(1).message()).isEqualTo("systemd[1]: Stopping docker.service - Docker Application Container Engine...");
        // journalctl filtered: cron's line and the entry outside the window never crossed the pipe
        assertThat(r.stats().linesRead()).isEqualTo(8);
    }

    @Test
    void aBrokenJournalDirectoryIsAProblemNotACrash() throws Exception {
        Path dir = Files.createDirectories(root.resolve("var/log/journal/x"));
        Files.write(dir.resolve("system.journal"), new byte[4096]);
        Instant now = BASE;
        List<String> seen = new ArrayList<>();
        List<String> problems = JournalCtl.standard().read(root.resolve("var/log/journal"), now.minus(Duration.ofHours(1)), now,
                l -> seen.add(l));
        assertThat(seen).isEmpty();
        // journalctl skips unreadable files quietly or says so; either way nothing is thrown and nothing is invented
        assertThat(problems).allSatisfy(p -> assertThat(p).startsWith("journal: "));
    }

    @Test
    void aMissingBinaryIsSaid() {
        List<String> problems = new JournalCtl("/nonexistent/journalctl", Duration.ofSeconds(1))
                .read(root, BASE, BASE, l -> true);
        assertThat(problems).containsExactly("journal: /nonexistent/journalctl is not installed here, so the journal was not read");
    }
}
