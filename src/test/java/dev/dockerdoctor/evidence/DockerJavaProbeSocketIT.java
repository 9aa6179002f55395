package dev.dockerdoctor.evidence;

import dev.dockerdoctor.model.DaemonState;
import dev.dockerdoctor.model.ContainerInfo;
import dev.dockerdoctor.testing.ScriptedUnixDaemon;
import dev.dockerdoctor.testing.SilentUnixServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real probe against local unix-socket servers that misbehave on purpose: a stale socket, a silent one, a scripted
 * daemon that speaks like Docker 29, hangs on one endpoint, or holds 300 containers. No Docker needed.
 */
class DockerJavaProbeSocketIT {
    private static final Duration READ = Duration.ofMillis(400);
    // The first request of a fresh client also loads and builds its JSON readers: give the answering part room.
    private static final Duration READ_WITH_ANSWERS = Duration.ofSeconds(3);

    @BeforeAll
    static void loadDockerJavaClassesOnce(@TempDir Path tmp) throws IOException {
        try (ScriptedUnixDaemon d = new ScriptedUnixDaemon(tmp.resolve("warm.sock"))
                .answer("/info", 200, INFO_29).answer("/containers/json", 200, LIST).answer("/containers/" + ID + "/json", 200, INSPECT);
             DockerJavaProbe probe = new DockerJavaProbe(d.host(), Duration.ofSeconds(2), Duration.ofSeconds(5))) {
            assertThat(probe.inspect().reachable()).isTrue();
        }
    }

    @Test
    void shouldCallAStaleSocketRefusedQuickly(@TempDir Path tmp) throws IOException {
        Path stale = tmp.resolve("d.sock");
        try (ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.bind(UnixDomainSocketAddress.of(stale));
        }
        try (DockerJavaProbe probe = new DockerJavaProbe("unix://" + stale, Duration.ofSeconds(2), Duration.ofSeconds(5))) {
            probe.inspect();
            long t0 = System.nanoTime();
            DaemonState s = probe.inspect();
            Duration took = Duration.ofNanos(System.nanoTime() - t0);

            assertThat(s.error()).isEqualTo("no Docker daemon at unix://" + stale + " (connection refused)");
            assertThat(took).isLessThan(Duration.ofMillis(500));
        }
    }

    @Test
    void shouldGiveUpOnASilentSocketAtTheReadTimeout(@TempDir Path tmp) throws IOException {
        try (SilentUnixServer silent = new SilentUnixServer(tmp.resolve("s.sock"));
             DockerJavaProbe probe = new DockerJavaProbe(silent.host(), Duration.ofSeconds(2), READ)) {
            probe.inspect(); // builds the client first: that second is not the daemon's
            long t0 = System.nanoTime();
            DaemonState s = probe.inspect();
            Duration took = Duration.ofNanos(System.nanoTime() - t0);

            assertThat(s.error()).isEqualTo("Docker daemon at " + silent.host() + " did not answer GET /info (timed out after 400 ms)");
            assertThat(took).isBetween(READ, READ.plusSeconds(1));
            assertThat(probe.getRaw("/system/df")).isEmpty();
        }
    }

    // What a Docker 29 daemon says to /info (trimmed); it refuses API versions below 1.44.
    private static final String INFO_29 = """
            {"ID":"x","Containers":1,"ContainersRunning":1,"ContainersPaused":0,"ContainersStopped":0,"Images":3,
             "Driver":"overlayfs","DriverStatus":[["driver-type","io.containerd.snapshotter.v1"]],
             "DockerRootDir":"/var/lib/docker","ServerVersion":"29.0.1","LiveRestoreEnabled":true,
             "Containerd":{"Address":"/run/containerd/containerd.sock"}}""";
    private static final String ID = "c".repeat(64);
    private static final String LIST = "[{\"Id\":\"" + ID + "\",\"Names\":[\"/gitlab\"],\"Image\":\"gitlab/gitlab-ce\","
            + "\"State\":\"running\",\"Status\":\"Up 3 days\",\"Labels\":{\"com.docker.compose.project\":\"gitlab\"}}]";
    private static final String INSPECT = "{\"Id\":\"" + ID + "\",\"Name\":\"/gitlab\",\"RestartCount\":4,"
            + "\"State\":{\"Status\":\"running\",\"Running\":true,\"OOMKilled\":true,\"ExitCode\":0,"
            + "\"StartedAt\":\"2024-04-21T06:21:00.5Z\",\"FinishedAt\":\"2024-04-21T06:20:17Z\",\"Health\":{\"Status\":\"unhealthy\"}},"
            + "\"HostConfig\":{\"Memory\":4294967296}}";

    @Test
    void shouldReadADaemonThatRefusesOldApiVersionsBecauseItAsksUnversioned(@TempDir Path tmp) throws IOException {
        try (ScriptedUnixDaemon d29 = new ScriptedUnixDaemon(tmp.resolve("d.sock")).minimumApiVersion("1.44")
                .answer("/info", 200, INFO_29).answer("/containers/json", 200, LIST).answer("/containers/" + ID + "/json", 200, INSPECT);
             DockerJavaProbe probe = new DockerJavaProbe(d29.host(), Duration.ofSeconds(2), Duration.ofSeconds(2))) {
            DaemonState s = probe.inspect();

            assertThat(s.reachable()).as(s.error()).isTrue();
            assertThat(s.serverVersion()).isEqualTo("29.0.1");
            assertThat(s.storageDriver()).isEqualTo("overlayfs");
            assertThat(s.liveRestoreEnabled()).isTrue();
            assertThat(s.containerList()).containsExactly(new ContainerInfo(ID, "gitlab", "gitlab/gitlab-ce", "running", "Up 3 days",
                    java.util.Map.of("com.docker.compose.project", "gitlab"), 4, true, "unhealthy", 0,
                    Instant.parse("2024-04-21T06:21:00.5Z"), Instant.parse("2024-04-21T06:20:17Z"), 4294967296L));
        }
    }

    @Test
    void shouldKeepTheDaemonsFactsAndSaySoWhenOnlyTheListHangs(@TempDir Path tmp) throws IOException {
        try (ScriptedUnixDaemon d = new ScriptedUnixDaemon(tmp.resolve("d.sock")).answer("/info", 200, INFO_29).hang("/containers/json");
             DockerJavaProbe probe = new DockerJavaProbe(d.host(), Duration.ofSeconds(2), READ_WITH_ANSWERS)) {
            DaemonState s = probe.inspect();

            assertThat(s.reachable()).isTrue();
            assertThat(s.containers()).isEqualTo(1);
            assertThat(s.containerList()).isEmpty();
            assertThat(s.error()).isEqualTo("could not list containers: Docker daemon at " + d.host()
                    + " did not answer GET /containers/json (timed out after 3 s)");
        }
    }

    @Test
    void shouldKeepListFieldsOfAContainerWhoseInspectHangs(@TempDir Path tmp) throws IOException {
        try (ScriptedUnixDaemon d = new ScriptedUnixDaemon(tmp.resolve("d.sock"))
                .answer("/info", 200, INFO_29).answer("/containers/json", 200, LIST).hang("/containers/" + ID + "/json");
             DockerJavaProbe probe = new DockerJavaProbe(d.host(), Duration.ofSeconds(2), READ_WITH_ANSWERS)) {
            DaemonState s = probe.inspect();

            assertThat(s.error()).isNull();
            assertThat(s.containerList()).singleElement().satisfies(c -> {
                assertThat(c.name()).isEqualTo("gitlab");
                assertThat(c.composeProject()).isEqualTo("gitlab");
                assertThat(c.restartCount()).isNull();
            });
        }
    }

    @Test
    void shouldQuoteTheDaemonsOwnMessageWhenItAnswersWithAnError(@TempDir Path tmp) throws IOException {
        try (ScriptedUnixDaemon d = new ScriptedUnixDaemon(tmp.resolve("d.sock"))
                .answer("/info", 500, "{\"message\":\"error during connect: containerd is not running\"}");
             DockerJavaProbe probe = new DockerJavaProbe(d.host(), Duration.ofSeconds(2), READ_WITH_ANSWERS)) {
            assertThat(probe.inspect().error()).isEqualTo("Docker daemon at " + d.host()
                    + " refused GET /info: HTTP 500 (error during connect: containerd is not running)");
        }
    }

    @Test
    void shouldInspectThreeHundredContainersInParallel(@TempDir Path tmp) throws IOException {
        int n = 300;
        Duration perRequest = Duration.ofMillis(10);
        StringBuilder list = new StringBuilder("[");
        ScriptedUnixDaemon d = new ScriptedUnixDaemon(tmp.resolve("d.sock")).delay(perRequest).answer("/info", 200, INFO_29);
        for (int i = 0; i < n; i++) {
            String id = String.format("%064x", i);
            list.append(i == 0 ? "" : ",").append("{\"Id\":\"").append(id).append("\",\"Names\":[\"/c").append(i)
                    .append("\"],\"Image\":\"busybox\",\"State\":\"running\",\"Status\":\"Up\",\"Labels\":{}}");
            d.answer("/containers/" + id + "/json", 200, INSPECT.replace(ID, id));
        }
        d.answer("/containers/json", 200, list.append("]").toString());
        try (d; DockerJavaProbe probe = new DockerJavaProbe(d.host(), Duration.ofSeconds(2), Duration.ofSeconds(10))) {
            long t0 = System.nanoTime();
            DaemonState s = probe.inspect();
            Duration took = Duration.ofNanos(System.nanoTime() - t0);

            System.out.printf("DockerJavaProbe: %d containers at %d ms a request took %d ms (cold client)%n", n, perRequest.toMillis(), took.toMillis());
            assertThat(s.containerList()).hasSize(n).allSatisfy(c -> assertThat(c.restartCount()).isEqualTo(4));
            // counted at the server, so a busy machine cannot make this flaky the way a stopwatch would; the one
            // allowed extra is the list call before the inspects, whose server side may still be closing (seen: 9)
            assertThat(d.maxInFlight()).isGreaterThan(1).isLessThanOrEqualTo(DockerJavaProbe.INSPECT_THREADS + 1);
        }
    }
}
