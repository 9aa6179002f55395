package dev.dockerdoctor.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rig itself against the machine's real dockerd binary: start, the incident restart, cleanup, side by side. */
class PrivateDockerdIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration T = Duration.ofSeconds(5);

    @Test
    void shouldStartOnItsOwnSocketAndRootWithBusyboxAndLeaveNothingBehind() throws IOException {
        Path base;
        long pid;
        try (PrivateDockerd d = PrivateDockerd.startDefault()) {
            base = d.base();
            pid = d.pid();
            assertThat(d.socket().toString()).hasSizeLessThan(100).startsWith("/tmp/dd-");
            JsonNode info = info(d);
            assertThat(info.path("DockerRootDir").asText()).isEqualTo(d.base().resolve("data-root").toString());
            assertThat(info.path("Driver").asText()).isEqualTo("vfs");
            assertThat(info.path("Images").asInt()).isEqualTo(1);
            String out = d.dockerOk("run", "--rm", BusyboxImage.NAME, "sh", "-c", "echo hello from $(hostname)");
            assertThat(out).startsWith("hello from ");
            d.dockerOk("run", "-d", "--name", "web", BusyboxImage.NAME, "httpd", "-f", "-p", "80", "-h", "/www");
            assertThat(Procs.mentioning(base.toString())).as("dockerd, containerd and a shim").hasSizeGreaterThanOrEqualTo(3);
            System.out.printf("PrivateDockerd: started in %d ms%n", d.lastStart().toMillis());
        }
        assertThat(Procs.alive(pid)).isFalse();
        assertThat(Procs.mentioning(base.toString())).isEmpty();
        assertThat(Rig.mountsUnder(base)).isEmpty();
        assertThat(base).doesNotExist();
    }

    @Test
    void shouldComeBackOnAnotherRootWhenRestartedWithoutDataRootLikeTheIncident() throws IOException {
        try (PrivateDockerd d = PrivateDockerd.builder().dataRoot(Path.of("big")).start()) {
            Path big = d.base().resolve("big");
            assertThat(d.dataRoot()).isEqualTo(big);
            String web = d.dockerOk("run", "-d", "--name", "gitlab_web_1", "--restart", "always",
                    "--label", "com.docker.compose.project=gitlab", "--label", "com.docker.compose.service=web",
                    BusyboxImage.NAME, "httpd", "-f", "-p", "80", "-h", "/www");
            d.dockerOk("create", "--name", "gitlab_db_1", "--label", "com.docker.compose.project=gitlab", BusyboxImage.NAME, "sleep", "600");
            assertThat(info(d).path("Containers").asInt()).isEqualTo(2);

            d.restartWithout("--data-root");

            System.out.printf("PrivateDockerd: stop %d ms, start %d ms%n", d.lastStop().toMillis(), d.lastStart().toMillis());
            JsonNode after = info(d);
            assertThat(after.path("DockerRootDir").asText()).isEqualTo(d.base().resolve(PrivateDockerd.FALLBACK_ROOT).toString())
                    .isEqualTo(d.dataRoot().toString());
            assertThat(after.path("Containers").asInt()).isZero();
            assertThat(after.path("Images").asInt()).isZero();
            assertThat(d.flags()).doesNotContain(big.toString());
            Path config = big.resolve("containers").resolve(web).resolve("config.v2.json");
            assertThat(config).exists();
            assertThat(Files.readString(config)).contains("\"com.docker.compose.project\":\"gitlab\"");

            d.restart(DaemonFlags.with(d.flags(), "--data-root", big.toString()));
            JsonNode back = info(d);
            assertThat(back.path("DockerRootDir").asText()).isEqualTo(big.toString());
            assertThat(back.path("Containers").asInt()).isEqualTo(2);
            assertThat(back.path("ContainersRunning").asInt()).as("--restart always brings web back").isEqualTo(1);
        }
    }

    @Test
    void shouldRunTwoDaemonsSideBySideWithoutColliding() {
        try (PrivateDockerd a = PrivateDockerd.builder().busybox(false).start();
             PrivateDockerd b = PrivateDockerd.builder().busybox(false).start()) {
            assertThat(a.socket()).isNotEqualTo(b.socket());
            assertThat(info(a).path("DockerRootDir").asText()).isNotEqualTo(info(b).path("DockerRootDir").asText());
            a.close();
            assertThat(UnixHttp.ping(a.socket(), T)).isFalse();
            assertThat(UnixHttp.ping(b.socket(), T)).isTrue();
        }
    }

    @Test
    void shouldStopAndStartAgainOnTheSameRoot() {
        try (PrivateDockerd d = PrivateDockerd.startDefault()) {
            d.dockerOk("create", "--name", "kept", BusyboxImage.NAME, "true");
            d.stop();
            assertThat(d.running()).isFalse();
            assertThat(d.pidFile()).doesNotExist();
            assertThat(UnixHttp.ping(d.socket(), T)).isFalse();
            d.start();
            assertThat(d.dockerOk("ps", "-a", "--format", "{{.Names}}")).isEqualTo("kept");
        }
    }

    @Test
    void shouldKillShimsAndContainersThatLiveRestoreKeepsRunning() {
        Path base;
        try (PrivateDockerd d = PrivateDockerd.builder().flags("--live-restore").start()) {
            base = d.base();
            d.dockerOk("run", "-d", "--name", "sleeper", BusyboxImage.NAME, "sleep", "600");
            d.stop();
            List<Long> left = Procs.mentioning(base.toString());
            assertThat(left).as("the shim outlives dockerd under --live-restore").isNotEmpty();
            assertThat(Procs.withDescendants(left).stream().map(h -> Procs.commandLine(h.pid()).orElse("")))
                    .anyMatch(c -> c.contains("sleep 600"));
        }
        assertThat(Procs.mentioning(base.toString())).isEmpty();
    }

    @Test
    void shouldLeaveAStaleSocketWhenKilledAndStillCleanUpEverything() {
        Path base;
        try (PrivateDockerd d = PrivateDockerd.startDefault()) {
            base = d.base();
            d.dockerOk("run", "-d", "--name", "survivor", "--restart", "always", BusyboxImage.NAME, "sleep", "600");
            long dockerdPid = d.pid();

            d.kill();

            assertThat(Procs.alive(dockerdPid)).isFalse();
            assertThat(d.socket()).exists();
            assertThat(UnixHttp.ping(d.socket(), T)).isFalse();
            d.start();
            assertThat(d.dockerOk("ps", "--format", "{{.Names}}")).isEqualTo("survivor");
        }
        assertThat(Procs.mentioning(base.toString())).isEmpty();
        assertThat(Rig.mountsUnder(base)).isEmpty();
        assertThat(base).doesNotExist();
    }

    @Test
    void shouldUndoTheRootMountOfAKilledDaemonWhoseRootIsElsewhere(@TempDir Path tmp) throws IOException {
        Path root = Files.createDirectories(tmp.resolve("srv-docker"));
        try (PrivateDockerd d = PrivateDockerd.builder().dataRoot(root).busybox(false).start()) {
            assertThat(Rig.mountsUnder(root)).as("dockerd bind-mounts its root onto itself").contains(root);
            d.kill();
            assertThat(Rig.mountsUnder(root)).contains(root);
        }
        assertThat(Rig.mountsUnder(root)).isEmpty();
        assertThat(root.resolve("containers")).as("the data stays").isDirectory();
    }

    @Test
    void shouldReportWhyTheDaemonRefusedToStart() {
        // the same root as a flag and in daemon.json: dockerd refuses, as on a host with both
        assertThatThrownBy(() -> PrivateDockerd.builder().daemonJson("{\"data-root\": \"/tmp/dd-nowhere\"}").start())
                .isInstanceOf(PrivateDockerd.DaemonStartException.class)
                .hasMessageContaining("specified both as a flag and in the configuration file");
    }

    @Test
    void shouldRunDockerComposeV1AgainstThePrivateDaemon(@TempDir Path tmp) throws IOException {
        Path project = Files.createDirectories(tmp.resolve("shop"));
        Files.writeString(project.resolve("docker-compose.yml"), """
                services:
                  web:
                    image: local/busybox
                    command: httpd -f -p 80 -h /www
                    volumes: [data:/data]
                volumes:
                  data:
                """);
        String bridge;
        try (PrivateDockerd d = PrivateDockerd.startDefault()) {
            d.composeOk(project, "up", "-d");
            bridge = "br-" + d.dockerOk("network", "inspect", "--format", "{{.Id}}", "shop_default").substring(0, 12);
            assertThat(Path.of("/sys/class/net", bridge)).as("compose's default network is a host bridge").exists();
            String labels = d.dockerOk("inspect", "--format", "{{json .Config.Labels}}", "shop_web_1");
            JsonNode l = JSON.readTree(labels);
            assertThat(l.path("com.docker.compose.project").asText()).isEqualTo("shop");
            assertThat(l.path("com.docker.compose.service").asText()).isEqualTo("web");
            assertThat(l.path("com.docker.compose.project.working_dir").asText()).isEqualTo(project.toString());
            assertThat(d.dockerOk("ps", "--format", "{{.Names}}")).isEqualTo("shop_web_1");
            assertThat(d.dockerOk("volume", "ls", "--format", "{{.Name}}")).isEqualTo("shop_data");
        }
        assertThat(Path.of("/sys/class/net", bridge)).as("dockerd leaves it behind; the rig removes it").doesNotExist();
    }

    private static JsonNode info(PrivateDockerd d) {
        UnixHttp.Response r = UnixHttp.get(d.socket(), "/info", T).orElseThrow();
        assertThat(r.status()).isEqualTo(200);
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
