package dev.dockerdoctor.evidence;

import dev.dockerdoctor.model.DaemonState;
import dev.dockerdoctor.testing.BusyboxImage;
import dev.dockerdoctor.testing.ModernDocker;
import dev.dockerdoctor.testing.PrivateDockerd;
import dev.dockerdoctor.testing.SilentUnixServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The probe's contract on today's engine as Docker 29 runs it: 28.5 refusing clients older than API 1.44, images in
 * containerd's store. The same contract as {@link DockerJavaProbeIT} on Debian 12's 20.10, so a version difference in
 * what the daemon answers (field names, API negotiation, the store) fails here and not on a user's host.
 */
class ModernDockerJavaProbeIT extends DockerProbeContract {
    private static final Duration SHORT_READ = Duration.ofSeconds(2);
    private static PrivateDockerd modern;
    private static SilentUnixServer silent;
    private final List<DockerProbe> opened = new ArrayList<>();

    @BeforeAll
    static void startModernDaemon() throws IOException {
        modern = PrivateDockerd.builder().engine(ModernDocker.bin()).daemonEnv("DOCKER_MIN_API_VERSION", "1.44")
                // native: containerd's snapshotter for any disk; no --init: Debian's newest docker-init is linked
                // dynamically and cannot run in a busybox-only image
                .withoutFlags("--storage-driver", "--init").flags("--storage-driver", "native")
                .daemonJson("{\"features\": {\"containerd-snapshotter\": true}}").busybox(false).start();
        modern.dockerOk("import", BusyboxImage.tar().toString(), BusyboxImage.NAME);
        modern.dockerOk("run", "-d", "--name", WEB, "--label", "com.docker.compose.project=" + PROJECT,
                "--label", "com.docker.compose.service=" + SERVICE, BusyboxImage.NAME, "httpd", "-f", "-p", "80", "-h", "/www");
        var oneshot = modern.docker("run", "--name", ONESHOT, BusyboxImage.NAME, "sh", "-c", "exit " + ONESHOT_EXIT);
        assertThat(oneshot.exitCode()).as(oneshot.stderr() + modern.logTail(10)).isEqualTo(ONESHOT_EXIT);
        silent = new SilentUnixServer(modern.base().resolve("silent.sock"));
    }

    @AfterAll
    static void stop() throws IOException {
        if (silent != null) silent.close();
        if (modern != null) modern.close();
    }

    @AfterEach
    void closeProbes() {
        opened.forEach(DockerProbe::close);
    }

    private DockerJavaProbe probe(String host, Duration read) {
        DockerJavaProbe p = new DockerJavaProbe(host, Duration.ofSeconds(2), read);
        opened.add(p);
        return p;
    }

    @Override
    protected DockerProbe probeOfKnownDaemon() { return probe(modern.host(), DockerJavaProbe.DEFAULT_READ_TIMEOUT); }

    @Override
    protected String knownRootDir() { return modern.dataRoot().toString(); }

    @Override
    protected DockerProbe probeOfMissingDaemon() { return probe("unix://" + modern.base().resolve("nothing.sock"), SHORT_READ); }

    @Override
    protected DockerProbe probeOfSilentDaemon() { return probe(silent.host(), SHORT_READ); }

    @Override
    protected Duration silentLimit() { return SHORT_READ.plusMillis(1500); }

    @Test
    void itSaysWhichStoreAndWhichClientsItAccepts() {
        DaemonState s = probeOfKnownDaemon().inspect();
        assertThat(s.reachable()).as(String.valueOf(s.error())).isTrue();
        assertThat(s.serverVersion()).startsWith("28.");
        assertThat(s.imageStore()).isEqualTo(DaemonState.CONTAINERD_STORE);
        assertThat(s.minApiVersion()).isEqualTo("1.44");
        assertThat(s.images()).isEqualTo(1);
    }
}
