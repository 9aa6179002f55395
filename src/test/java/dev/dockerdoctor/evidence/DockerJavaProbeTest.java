package dev.dockerdoctor.evidence;

import com.github.dockerjava.api.exception.BadRequestException;
import dev.dockerdoctor.model.DaemonState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ConnectException;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The real probe's behaviour that needs no daemon and no server: addresses, reasons in words, Docker's times. */
class DockerJavaProbeTest {
    private static final Duration READ = Duration.ofMillis(400);

    @Test
    void shouldAcceptUnixTcpAndBarePathHosts() {
        assertThat(DockerJavaProbe.parseHost("unix:///var/run/docker.sock")).hasToString("unix:///var/run/docker.sock");
        assertThat(DockerJavaProbe.parseHost("/var/run/docker.sock")).hasToString("unix:///var/run/docker.sock");
        assertThat(DockerJavaProbe.parseHost("tcp://10.0.0.5:2376")).hasToString("tcp://10.0.0.5:2376");
        assertThat(DockerJavaProbe.parseHost("tcp://docker")).hasToString("tcp://docker:2375");
    }

    @Test
    void shouldRejectHostsItCannotUse() {
        assertThatThrownBy(() -> DockerJavaProbe.parseHost("ssh://me@box")).hasMessageContaining("not supported");
        assertThatThrownBy(() -> DockerJavaProbe.parseHost("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> DockerJavaProbe.parseHost("unix://")).hasMessageContaining("is not a URI");
        assertThatThrownBy(() -> DockerJavaProbe.parseHost("unix:docker.sock")).hasMessageContaining("no socket path");
    }

    @Test
    void shouldTurnABadHostIntoAnUnreachableStateInsteadOfThrowing() {
        try (DockerJavaProbe probe = new DockerJavaProbe("ssh://me@box")) {
            DaemonState s = probe.inspect();

            assertThat(s.reachable()).isFalse();
            assertThat(s.error()).isEqualTo("DOCKER_HOST 'ssh://me@box' is not supported (expected unix:///path or tcp://host:port)");
            assertThat(probe.getRaw("/system/df")).isEmpty();
        }
    }

    @Test
    void shouldNameAMissingSocketWithoutTryingIt(@TempDir Path tmp) {
        try (DockerJavaProbe probe = new DockerJavaProbe("unix://" + tmp.resolve("docker.sock"), Duration.ofSeconds(2), READ)) {
            assertThat(probe.inspect().error()).isEqualTo("no Docker daemon at unix://" + tmp.resolve("docker.sock") + " (socket does not exist)");
        }
    }

    @Test
    void shouldSayAFolderIsNotASocket(@TempDir Path tmp) {
        try (DockerJavaProbe probe = new DockerJavaProbe("unix://" + tmp, Duration.ofSeconds(2), READ)) {
            assertThat(probe.inspect().error()).isEqualTo("no Docker daemon at unix://" + tmp + " (" + tmp + " is not a socket)");
            assertThat(probe.inspect().failure()).isEqualTo(DaemonState.Failure.NOT_LISTENING);
        }
    }

    @Test
    void shouldDescribeFailuresInWordsWithoutExceptionNames() {
        DockerFailures failures = new DockerFailures("unix:///var/run/docker.sock",
                DockerJavaProbe.DEFAULT_CONNECT_TIMEOUT, DockerJavaProbe.DEFAULT_READ_TIMEOUT);
        assertThat(failures.describe("GET /info", new RuntimeException(new ConnectException("Connection refused"))))
                .isEqualTo(new DockerFailures.Failed(DaemonState.Failure.NOT_LISTENING, "no Docker daemon at unix:///var/run/docker.sock (connection refused)"));
        assertThat(failures.describe("GET /info", new RuntimeException(new SocketException("Permission denied"))))
                .isEqualTo(new DockerFailures.Failed(DaemonState.Failure.PERMISSION_DENIED,
                        "no Docker daemon at unix:///var/run/docker.sock (permission denied: run as root or as a member of the docker group)"));
        assertThat(failures.describe("GET /info", new BadRequestException("Status 400: {}")).kind())
                .isEqualTo(DaemonState.Failure.DAEMON_ERROR);
        assertThat(failures.describe("GET /info", new BadRequestException(
                "Status 400: {\"message\":\"client version 1.41 is too old. Minimum supported API version is 1.44, please upgrade your client to a newer version\"}\n")).message())
                .isEqualTo("Docker daemon at unix:///var/run/docker.sock refused GET /info: HTTP 400 (client version 1.41 is too old."
                        + " Minimum supported API version is 1.44, please upgrade your client to a newer version)");
        assertThat(failures.describe("GET /info", new RuntimeException(new java.net.SocketTimeoutException("Read timed out"))))
                .isEqualTo(new DockerFailures.Failed(DaemonState.Failure.NO_ANSWER,
                        "Docker daemon at unix:///var/run/docker.sock did not answer GET /info (timed out after 5 s)"));
    }

    @Test
    void shouldReadDockerTimesAndTreatItsZeroTimeAsNever() {
        assertThat(ContainerInfos.time("2024-04-21T12:04:54.026767123Z")).isEqualTo(Instant.parse("2024-04-21T12:04:54.026767123Z"));
        assertThat(ContainerInfos.time("0001-01-01T00:00:00Z")).isNull();
        assertThat(ContainerInfos.time("")).isNull();
        assertThat(ContainerInfos.time("yesterday")).isNull();
    }

    @Test
    void shouldNotBlockTheCallerWhenWarmingUp(@TempDir Path tmp) {
        try (DockerJavaProbe probe = new DockerJavaProbe("unix://" + tmp.resolve("x.sock"))) {
            long t0 = System.nanoTime();
            probe.warmUp();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(200));
        }
    }
}
