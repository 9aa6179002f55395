package dev.dockerdoctor.evidence;

import dev.dockerdoctor.model.ComposeProblem;
import dev.dockerdoctor.model.DaemonState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Files a bad day or a local user puts where the bot looks (issue 20, items 2 and 3): a FIFO must not hang a read, a
 * link must not carry the bot (root) out of the host root or out of a project folder into someone else's secret.
 */
class HostileFilesTest {
    @TempDir
    Path hostRoot;
    @TempDir
    Path outside;

    private Path write(String hostPath, String text) throws IOException {
        Path p = hostRoot.resolve(hostPath.substring(1));
        Files.createDirectories(p.getParent());
        return Files.writeString(p, text);
    }

    private Path fifo(String hostPath) throws Exception {
        Path p = hostRoot.resolve(hostPath.substring(1));
        Files.createDirectories(p.getParent());
        Process mk = new ProcessBuilder("mkfifo", p.toString()).redirectErrorStream(true).start();
        assumeTrue(mk.waitFor() == 0, "mkfifo is needed to make a FIFO");
        return p;
    }

    @Test
    void aFifoNamedLikeAConfigFileIsNotOpened() throws Exception {
        fifo("/etc/docker/daemon.json");
        HostFiles files = new HostFiles(hostRoot);
        HostFiles.TextFile t = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> files.readText("/etc/docker/daemon.json", 1 << 20), "a FIFO blocks an open for read until a writer comes");
        assertThat(t.present()).isTrue();
        assertThat(t.text()).isNull();
        assertThat(t.problem()).isEqualTo("is not a regular file (a FIFO, socket or device): not read");
        assertThat(files.readBytes("/etc/docker/daemon.json", 64)).isNull();
    }

    @Test
    void aFifoNamedLikeALogIsNotOpened() throws Exception {
        Path log = fifo("/var/log/syslog");
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertThatCode(() -> LineReaders.open(log).close()).hasMessageContaining("not a regular file");
            assertThatCode(() -> LineReaders.openStream(log).close()).hasMessageContaining("not a regular file");
        });
    }

    @Test
    void fifosWhereComposeProjectsLiveDoNotHangTheScan() throws Exception {
        write("/srv/gitlab/docker-compose.yml", "services: {web: {image: gitlab}}\n");
        fifo("/srv/gitlab/.env");
        fifo("/srv/wiki/compose.yaml");
        ComposeProbe probe = new ComposeProbe(new HostFiles(hostRoot), Map.of("HOME", "/root"), List.of(),
                ComposeCommand.assumedV2("test"));
        ComposeProbe.Found f = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> probe.probe(DaemonState.unreachable("test"), List.of()));
        assertThat(f.problems()).extracting(ComposeProblem::message)
                .contains("is not a regular file (a FIFO, socket or device): not read");
    }

    @Test
    void aLinkOutOfTheHostRootIsNotFollowed() throws Exception {
        Path secret = Files.writeString(outside.resolve("bot.env"), "SLACK_BOT_TOKEN=xoxb-not-for-reports\n");
        Files.createDirectories(hostRoot.resolve("etc/docker"));
        Files.createSymbolicLink(hostRoot.resolve("etc/docker/daemon.json"), secret);
        HostFiles.TextFile t = new HostFiles(hostRoot).readText("/etc/docker/daemon.json", 1 << 20);
        assertThat(t.text()).isNull();
        assertThat(t.problem()).isEqualTo("is a link that leads out of the host root: not read");
    }

    @Test
    void aComposeFileLinkedToAnotherUsersSecretIsNotRead() throws Exception {
        UserPrincipal nobody;
        try {
            nobody = hostRoot.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        } catch (IOException e) {
            nobody = null;
        }
        assumeTrue(nobody != null && "root".equals(System.getProperty("user.name")),
                "needs root and a user 'nobody' to give a home folder to someone else");
        Path shadow = write("/etc/shadow", "root:$6$saltsalt$hash-that-must-not-reach-slack:19000:0:99999:7:::\n");
        Files.setPosixFilePermissions(shadow, PosixFilePermissions.fromString("rw-r-----"));
        Path home = Files.createDirectories(hostRoot.resolve("home/mallory"));
        Files.setOwner(home, nobody);
        Files.createSymbolicLink(home.resolve("docker-compose.yml"), shadow);
        Files.createSymbolicLink(home.resolve("compose.yaml"), outside.resolve("elsewhere.yml"));

        HostFiles files = new HostFiles(hostRoot);
        HostFiles.TextFile linked = files.readTextAsOwnerOf("/home/mallory/docker-compose.yml", "/home/mallory", 1 << 20);
        assertThat(linked.text()).isNull();
        assertThat(linked.problem()).isEqualTo("is a link that leads out of /home/mallory: not read");

        Path own = write("/home/mallory/stack/compose.yaml", "services: {a: {image: a}}\n");
        Files.setOwner(own.getParent(), nobody);
        assertThat(files.readTextAsOwnerOf("/home/mallory/stack/compose.yaml", "/home/mallory/stack", 1 << 20).problem())
                .as("root's file in mallory's folder, mode 644: anyone may read it").isNull();
        Files.setPosixFilePermissions(own, PosixFilePermissions.fromString("rw-------"));
        assertThat(files.readTextAsOwnerOf("/home/mallory/stack/compose.yaml", "/home/mallory/stack", 1 << 20).problem())
                .isEqualTo("belongs to someone else and nobody, who owns /home/mallory/stack, could not read it: not read");

        ComposeProbe probe = new ComposeProbe(new HostFiles(hostRoot), Map.of("HOME", "/root"), List.of(),
                ComposeCommand.assumedV2("test"));
        ComposeProbe.Found f = probe.probe(DaemonState.unreachable("test"), List.of());
        assertThat(f.toString()).doesNotContain("hash-that-must-not-reach-slack");
    }
}
