package dev.dockerdoctor.app;

import dev.dockerdoctor.evidence.StoryLogs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code diagnose} over the story's logs, in process: it names the upgrade that restarted Docker, and junk beside the
 * logs (a binary file, a truncated gzip, a 10 MB line) changes neither that nor the exit status.
 */
class DiagnoseLogsTest {
    @TempDir
    Path host;

    private record Run(int status, String out) {
    }

    private Run diagnose() {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int status;
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            status = Main.run(new String[]{"diagnose", "--json", "--since", "24h", "--host-root", host.toString(),
                    "--docker-host", "unix:///nonexistent/docker.sock"}, Map.of(), Clock.fixed(StoryLogs.NOW, StoryLogs.ZONE));
        } finally {
            System.setOut(old);
        }
        return new Run(status, buf.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theStorysLogsNameTheUpgradeAndJunkBesideThemChangesNothing() throws IOException {
        StoryLogs.write(host);
        Run clean = diagnose();
        assertThat(clean.status()).isEqualTo(1);
        assertThat(clean.out()).contains("\"docker-restarted-by-upgrade\"").contains("containerd.io 1.4.9-1 → 1.4.11-1")
                .contains("\"kind\" : \"package-upgrade\"").contains("\"package\" : \"containerd.io\"");

        // a 10 MB line in today's syslog, a truncated gzip and a binary file as older rotations
        Path syslog = host.resolve("var/log/syslog");
        Files.writeString(syslog, "Oct  7 07:00:00 gitlab-host kernel: " + "A".repeat(10 * 1024 * 1024) + "\n"
                + Files.readString(syslog).substring(StoryLogs.SYSLOG_OLD.length()), StandardCharsets.UTF_8);
        Files.setLastModifiedTime(syslog, FileTime.from(StoryLogs.at(2021, 10, 7, 8, 52, 40)));
        byte[] junk = new byte[200_000];
        new Random(3).nextBytes(junk);
        // yesterday evening's lines (inside the window) in syslog.1, so the scan goes on into the older rotations
        Files.writeString(host.resolve("var/log/syslog.1"), "Oct  6 12:17:01 gitlab-host CRON[40555]: (root) CMD (true)\n");
        Files.setLastModifiedTime(host.resolve("var/log/syslog.1"), FileTime.from(StoryLogs.at(2021, 10, 6, 23, 0, 0)));
        Files.write(host.resolve("var/log/syslog.2.gz"), new byte[]{0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3});
        Files.setLastModifiedTime(host.resolve("var/log/syslog.2.gz"), FileTime.from(StoryLogs.at(2021, 10, 6, 12, 0, 0)));
        Files.write(host.resolve("var/log/syslog.3"), junk);
        Files.setLastModifiedTime(host.resolve("var/log/syslog.3"), FileTime.from(StoryLogs.at(2021, 10, 6, 10, 0, 0)));

        Run dirty = diagnose();
        assertThat(dirty.status()).isEqualTo(clean.status());
        assertThat(dirty.out()).contains("\"docker-restarted-by-upgrade\"").contains("containerd.io 1.4.9-1 → 1.4.11-1")
                .contains("/var/log/syslog: 1 over-long line cut")
                .contains("/var/log/syslog.2.gz: broken gzip")
                .contains("/var/log/syslog.3: ");
    }
}
