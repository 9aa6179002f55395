package dev.dockerdoctor.evidence;

import dev.dockerdoctor.model.ContainerInfo;
import dev.dockerdoctor.model.DaemonState;
import dev.dockerdoctor.testing.ScriptedUnixDaemon;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Log tails, health logs and /system/df through the real probe, against a scripted daemon (no Docker needed). */
class DockerJavaProbeLogsSocketIT {
    private static final String INFO = """
            {"Containers":2,"ContainersRunning":1,"Images":1,"Driver":"overlay2","DockerRootDir":"/var/lib/docker",
             "ServerVersion":"20.10.24","LiveRestoreEnabled":false}""";
    private static final String LOOP = "a".repeat(64);
    private static final String FINE = "b".repeat(64);
    private static final String LIST = "[{\"Id\":\"" + LOOP + "\",\"Names\":[\"/loop\"],\"Image\":\"busybox\",\"State\":\"restarting\","
            + "\"Status\":\"Restarting (3) 1 second ago\",\"Labels\":{}},"
            + "{\"Id\":\"" + FINE + "\",\"Names\":[\"/fine\"],\"Image\":\"busybox\",\"State\":\"running\",\"Status\":\"Up\",\"Labels\":{}}]";
    private static final String NOW = Instant.now().toString();

    private static String inspect(String id, String state, int restarts, String health) {
        return "{\"Id\":\"" + id + "\",\"RestartCount\":" + restarts + ",\"Config\":{\"Tty\":false},"
                + "\"State\":{\"Status\":\"" + state + "\",\"Running\":true,\"OOMKilled\":false,\"ExitCode\":3,"
                + "\"StartedAt\":\"" + NOW + "\",\"FinishedAt\":\"" + NOW + "\"" + health + "},"
                + "\"HostConfig\":{\"Memory\":0,\"RestartPolicy\":{\"Name\":\"always\",\"MaximumRetryCount\":0}}}";
    }

    @Test
    void shouldReadTheLastLinesOfALoopingContainerOnlyAndItsHealthLog(@TempDir Path tmp) throws IOException {
        String health = ",\"Health\":{\"Status\":\"healthy\",\"FailingStreak\":0,\"Log\":[{\"Start\":\"2021-10-07T06:39:50.1Z\","
                + "\"End\":\"2021-10-07T06:39:50.2Z\",\"ExitCode\":0,\"Output\":\"ok\\n\"}]}";
        // frames: stream byte, three zeros, 4-byte big-endian length; all below 0x80 so the scripted text carries them
        String frames = "\u0001\u0000\u0000\u0000\u0000\u0000\u0000\u0009starting\n"
                + "\u0002\u0000\u0000\u0000\u0000\u0000\u0000\u0014FATAL: missing conf\n";
        try (ScriptedUnixDaemon d = new ScriptedUnixDaemon(tmp.resolve("d.sock")).answer("/info", 200, INFO)
                .answer("/containers/json", 200, LIST)
                .answer("/containers/" + LOOP + "/json", 200, inspect(LOOP, "restarting", 7, ""))
                .answer("/containers/" + FINE + "/json", 200, inspect(FINE, "running", 0, health))
                .answer("/containers/" + LOOP + "/logs", 200, frames)
                .answer("/system/df", 200, "{\"LayersSize\":10,\"Images\":[],\"Containers\":[],\"Volumes\":[]}");
             DockerJavaProbe probe = new DockerJavaProbe(d.host(), Duration.ofSeconds(2), Duration.ofSeconds(3))) {
            DaemonState s = probe.inspect();

            ContainerInfo loop = s.containerList().get(0);
            assertThat(loop.logTail()).containsExactly("starting", "FATAL: missing conf");
            assertThat(loop.restartPolicy()).isEqualTo("always");
            ContainerInfo fine = s.containerList().get(1);
            assertThat(fine.logTail()).isEmpty();
            assertThat(fine.healthLog()).singleElement().satisfies(h -> {
                assertThat(h.exitCode()).isZero();
                assertThat(h.output()).isEqualTo("ok\n");
                assertThat(h.start()).isEqualTo(Instant.parse("2021-10-07T06:39:50.1Z"));
            });
            assertThat(d.requests()).contains("GET /containers/" + LOOP + "/logs?stdout=1&stderr=1&tail=20 HTTP/1.1")
                    .noneMatch(r -> r.startsWith("GET /containers/" + FINE + "/logs"));
            assertThat(probe.diskUsage()).hasValueSatisfying(u -> assertThat(u.images().bytes()).isEqualTo(10));
        }
    }

    @Test
    void shouldKeepTheContainerWhenItsLogCannotBeRead(@TempDir Path tmp) throws IOException {
        try (ScriptedUnixDaemon d = new ScriptedUnixDaemon(tmp.resolve("d.sock")).answer("/info", 200, INFO)
                .answer("/containers/json", 200, LIST)
                .answer("/containers/" + LOOP + "/json", 200, inspect(LOOP, "restarting", 7, ""))
                .answer("/containers/" + FINE + "/json", 200, inspect(FINE, "running", 0, ""))
                .answer("/containers/" + LOOP + "/logs", 501, "{\"message\":\"configured logging driver does not support reading\"}")
                .hang("/system/df");
             DockerJavaProbe probe = new DockerJavaProbe(d.host(), Duration.ofSeconds(2), Duration.ofMillis(800))) {
            DaemonState s = probe.inspect();

            assertThat(s.reachable()).isTrue();
            assertThat(s.containerList()).hasSize(2).first().satisfies(c -> {
                assertThat(c.restartCount()).isEqualTo(7);
                assertThat(c.logTail()).isEmpty();
            });
            long t0 = System.nanoTime();
            assertThat(probe.diskUsage()).as("a daemon that never answers /system/df").isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
        }
    }
}
