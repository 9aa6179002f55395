package dev.dockerdoctor.evidence;

import dev.dockerdoctor.model.ContainerInfo;
import dev.dockerdoctor.model.DaemonState;
import dev.dockerdoctor.testing.BusyboxImage;
import dev.dockerdoctor.testing.DaemonFlags;
import dev.dockerdoctor.testing.PrivateDockerd;
import dev.dockerdoctor.testing.PrivateDockerdExtension;
import dev.dockerdoctor.testing.SilentUnixServer;
import dev.dockerdoctor.testing.UnixHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** The real probe against a private dockerd: the shared contract, then what only a real daemon can show. */
@ExtendWith(PrivateDockerdExtension.class)
class DockerJavaProbeIT extends RealDaemonProbeContract {
    private static PrivateDockerd known;
    private static SilentUnixServer silent;

    @BeforeAll
    static void startKnownDaemon(PrivateDockerd dockerd) throws IOException {
        known = dockerd;
        silent = setUp(known);
    }

    @AfterAll
    static void stopSilentServer() throws IOException {
        if (silent != null) silent.close();
    }

    @Override
    protected PrivateDockerd daemon() { return known; }

    @Override
    protected SilentUnixServer silent() { return silent; }

    // ------------------------------------------------------------------------------------ only a real daemon shows

    @Test
    void shouldReadTheKnownDaemonsVersionAndDriver() {
        DaemonState s = probeOfKnownDaemon().inspect();

        assertThat(s.storageDriver()).isEqualTo("vfs");
        assertThat(s.serverVersion()).isEqualTo(known.dockerOk("version", "--format", "{{.Server.Version}}"));
        assertThat(s.liveRestoreEnabled()).isFalse();
        ContainerInfo oneshot = byName(s, ONESHOT);
        assertThat(oneshot.startedAt()).isNotNull();
        // Docker stamps the two times from different places: for a container that exits at once, FinishedAt has been
        // seen a few ms before StartedAt. What matters here is that both are read, in the right order of magnitude.
        assertThat(oneshot.finishedAt()).isAfterOrEqualTo(oneshot.startedAt().minusSeconds(1));
        assertThat(oneshot.oomKilled()).isFalse();
        assertThat(oneshot.restartCount()).isZero();
        assertThat(byName(s, WEB).finishedAt()).as("never stopped").isNull();
    }

    @Test
    void shouldAskWithUnversionedPathsSoAnyDaemonVersionAnswers() {
        probeOfSilentDaemon().inspect();

        assertThat(silent.requestLines()).contains("GET /info HTTP/1.1").noneMatch(l -> l.matches("GET /v\\d.*"));
    }

    @Test
    void shouldCallAStaleSocketRefused() throws IOException {
        // a socket file whose listener is gone: what a crashed dockerd leaves behind
        Path stale = known.base().resolve("stale.sock");
        try (ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.bind(UnixDomainSocketAddress.of(stale));
        }
        DockerJavaProbe probe = probe("unix://" + stale, SHORT_READ);
        probe.inspect();
        long t0 = System.nanoTime();
        DaemonState s = probe.inspect();

        assertThat(s.reachable()).isFalse();
        assertThat(s.error()).isEqualTo("no Docker daemon at unix://" + stale + " (connection refused)");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void shouldCallACrashedDaemonRefused() {
        try (PrivateDockerd d = PrivateDockerd.builder().busybox(false).start()) {
            DockerJavaProbe probe = probe(d.host(), SHORT_READ);
            assertThat(probe.inspect().reachable()).isTrue();

            d.kill();
            DaemonState s = probe.inspect();

            assertThat(s.reachable()).isFalse();
            assertThat(s.error()).isEqualTo("no Docker daemon at " + d.host() + " (connection refused)");
        }
    }

    @Test
    void shouldNameAMissingSocket() {
        Path missing = known.base().resolve("nothing.sock");
        DaemonState s = probe("unix://" + missing, SHORT_READ).inspect();

        assertThat(s.error()).isEqualTo("no Docker daemon at unix://" + missing + " (socket does not exist)");
    }

    @Test
    void shouldFillInInspectDetails(PrivateDockerd d) {
        d.dockerOk("run", "-d", "--name", "limited", "--memory", "64m", BusyboxImage.NAME, "sleep", "600");
        d.dockerOk("run", "-d", "--name", "checked", "--health-cmd", "true", "--health-interval", "1s", BusyboxImage.NAME, "sleep", "600");
        d.dockerOk("run", "-d", "--name", "crashing", "--restart", "always", BusyboxImage.NAME, "sh", "-c", "exit 1");
        d.dockerOk("create", "--name", "fresh", BusyboxImage.NAME, "true");
        DockerJavaProbe probe = probe(d.host(), DockerJavaProbe.DEFAULT_READ_TIMEOUT);

        DaemonState s = until(probe, st -> "healthy".equals(byName(st, "checked").health())
                && byName(st, "crashing").restartCount() != null && byName(st, "crashing").restartCount() >= 2);

        assertThat(byName(s, "limited").memoryLimit()).isEqualTo(64L * 1024 * 1024);
        assertThat(byName(s, "checked").health()).isEqualTo("healthy");
        assertThat(byName(s, "crashing").restartCount()).isGreaterThanOrEqualTo(2);
        assertThat(byName(s, "limited").health()).as("no health check").isNull();
        ContainerInfo fresh = byName(s, "fresh");
        assertThat(fresh.state()).isEqualTo("created");
        assertThat(fresh.startedAt()).as("Docker's zero time means never").isNull();
    }

    @Test
    void shouldSeeLiveRestoreWhenTheDaemonHasIt() {
        try (PrivateDockerd d = PrivateDockerd.builder().busybox(false).flags("--live-restore").start()) {
            assertThat(probe(d.host(), SHORT_READ).inspect().liveRestoreEnabled()).isTrue();
        }
    }

    @Test
    void shouldFollowTheSameDaemonAcrossTheIncidentRestart() {
        try (PrivateDockerd d = PrivateDockerd.builder().dataRoot(Path.of("big")).start()) {
            d.dockerOk("run", "-d", "--name", "gitlab", "--label", "com.docker.compose.project=gitlab",
                    BusyboxImage.NAME, "httpd", "-f", "-p", "80", "-h", "/www");
            DockerJavaProbe probe = probe(d.host(), SHORT_READ);
            DaemonState before = probe.inspect();
            assertThat(before.dockerRootDir()).isEqualTo(d.base().resolve("big").toString());
            assertThat(before.containers()).isEqualTo(1);

            d.stop();
            DaemonState down = probe.inspect();
            d.start(DaemonFlags.without(d.flags(), "--data-root"));
            DaemonState after = probe.inspect();

            assertThat(down.reachable()).isFalse();
            assertThat(down.error()).startsWith("no Docker daemon at " + d.host());
            assertThat(after.reachable()).as(after.error()).isTrue();
            assertThat(after.dockerRootDir()).isEqualTo(d.base().resolve(PrivateDockerd.FALLBACK_ROOT).toString());
            assertThat(after.containers()).isZero();
            assertThat(after.containerList()).isEmpty();
        }
    }

    @Test
    void shouldReadRawEndpointsThroughTheSameClient() {
        DockerJavaProbe probe = probe(known.host(), SHORT_READ);

        assertThat(probe.getRaw("/system/df")).hasValueSatisfying(body -> assertThat(body).contains("\"LayersSize\""));
        assertThat(probe.getRaw("/version")).hasValueSatisfying(body -> assertThat(body).contains("\"ApiVersion\""));
        assertThat(probe.getRaw("/no/such/endpoint")).isEmpty();
        assertThat(probe(silent.host(), Duration.ofMillis(500)).getRaw("/system/df")).isEmpty();
    }

    @Test
    void shouldInspectManyContainersQuickly(PrivateDockerd d) {
        int n = 20; // vfs copies the image per container (~0.3 s each); 300 are shown against a scripted daemon
        for (int i = 0; i < n; i++) {
            // through the API: a docker CLI process per container would take most of this test's time
            UnixHttp.Response created = UnixHttp.post(d.socket(), "/containers/create?name=c" + i,
                    "{\"Image\":\"" + BusyboxImage.NAME + "\",\"Cmd\":[\"true\"],\"Labels\":{\"n\":\"" + i + "\"}}",
                    Duration.ofSeconds(10)).orElseThrow();
            assertThat(created.status()).as(created.body()).isEqualTo(201);
        }
        DockerJavaProbe probe = probe(d.host(), DockerJavaProbe.DEFAULT_READ_TIMEOUT);
        probe.inspect(); // the first call builds the client

        long t0 = System.nanoTime();
        DaemonState s = probe.inspect();
        Duration took = Duration.ofNanos(System.nanoTime() - t0);

        System.out.printf("DockerJavaProbe: inspect of %d containers took %d ms%n", n, took.toMillis());
        assertThat(s.containerList()).hasSize(n).allSatisfy(c -> assertThat(c.restartCount()).isNotNull());
        assertThat(took).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void shouldBeQuickOnceWarmedUp() {
        DockerJavaProbe probe = probe(known.host(), SHORT_READ);
        long t0 = System.nanoTime();
        probe.warmUp();
        Duration warmUpCall = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(warmUpCall).as("warmUp does not block").isLessThan(Duration.ofMillis(200));
        assertThat(probe.inspect().reachable()).isTrue();
    }

    private static DaemonState until(DockerJavaProbe probe, Predicate<DaemonState> ready) {
        Instant deadline = Instant.now().plusSeconds(20);
        DaemonState s = probe.inspect();
        while (!ready.test(s) && Instant.now().isBefore(deadline)) {
            sleep(250);
            s = probe.inspect();
        }
        return s;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
