package dev.dockerdoctor.store;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * On a real, nearly full filesystem (a 64 KiB tmpfs) a write the disk cuts short must fail and leave the file as it
 * was: daemon.json cut at 8 KiB is what kept dockerd from starting (issue 20 #1). Needs root to mount; skips without.
 */
class AtomicFileFullDiskTest {
    private static Path mount;

    @BeforeAll
    static void mountTinyDisk() throws Exception {
        mount = Files.createTempDirectory("doctor-full-disk");
        boolean mounted = run(List.of("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mount.toString()));
        Assumptions.assumeTrue(mounted, "cannot mount a tmpfs here (not root?): the full-disk test needs one");
    }

    @AfterAll
    static void unmount() throws Exception {
        if (mount == null) return;
        run(List.of("umount", mount.toString()));
        Files.deleteIfExists(mount);
    }

    private static boolean run(List<String> argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    @Test
    void aWriteTheDiskCutsShortFailsAndKeepsTheOldFile() throws IOException {
        Path target = mount.resolve("daemon.json");
        byte[] old = "{\"data-root\": \"/srv/docker\"}\n".getBytes();
        Files.write(target, old);
        fill(mount.resolve("filler"), 24 * 1024);
        byte[] big = new byte[40 * 1024];
        Arrays.fill(big, (byte) 'x');

        assertThatThrownBy(() -> AtomicFile.write(target, big)).isInstanceOf(IOException.class);
        assertThat(Files.readAllBytes(target)).isEqualTo(old);
        try (var left = Files.list(mount)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("daemon.json", "filler");
        }
        Files.delete(mount.resolve("filler"));
    }

    @Test
    void aBackupThatDoesNotFitFailsBeforeAnythingChanges() throws IOException {
        Path target = mount.resolve("big.json");
        byte[] content = new byte[20 * 1024];
        Arrays.fill(content, (byte) 'y');
        Files.write(target, content);
        fill(mount.resolve("filler2"), 60 * 1024);
        assertThatThrownBy(() -> AtomicFile.backup(target, Instant.parse("2026-12-03T06:00:00Z"))).isInstanceOf(IOException.class);
        assertThat(Files.readAllBytes(target)).isEqualTo(content);
        Files.delete(target);
        Files.delete(mount.resolve("filler2"));
    }

    /** Writes up to {@code bytes} into a filler file, stopping quietly where the disk is full. */
    private static void fill(Path filler, int bytes) {
        byte[] chunk = new byte[1024];
        try (var out = Files.newOutputStream(filler)) {
            for (int i = 0; i < bytes / 1024; i++) out.write(chunk);
        } catch (IOException full) {
            // the disk is full: that is the point
        }
    }
}
