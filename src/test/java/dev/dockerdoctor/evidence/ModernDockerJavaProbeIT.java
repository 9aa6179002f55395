package dev.dockerdoctor.evidence;

import dev.dockerdoctor.model.DaemonState;
import dev.dockerdoctor.testing.BusyboxImage;
import dev.dockerdoctor.testing.ModernDocker;
import dev.dockerdoctor.testing.PrivateDockerd;
import dev.dockerdoctor.testing.SilentUnixServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The probe's contract on today's engine as Docker 29 runs it: 28.5 refusing clients older than API 1.44, images in
 * containerd's store. The same contract as {@link DockerJavaProbeIT} on Debian 12's 20.10, so a version difference in
 * what the daemon answers (field names, API negotiation, the store) fails here and not on a user's host.
 */
class ModernDockerJavaProbeIT extends RealDaemonProbeContract {
    private static PrivateDockerd modern;
    private static SilentUnixServer silent;

    @BeforeAll
    static void startModernDaemon() throws IOException {
        modern = PrivateDockerd.builder().engine(ModernDocker.bin()).daemonEnv("DOCKER_MIN_API_VERSION", "1.44")
                // native: containerd's snapshotter for any disk; no --init: Debian's newest docker-init is linked
                // dynamically and cannot run in a busybox-only image
                .withoutFlags("--storage-driver", "--init").flags("--storage-driver", "native")
                .daemonJson("{\"features\": {\"containerd-snapshotter\": true}}").busybox(false).start();
        modern.dockerOk("import", BusyboxImage.tar().toString(), BusyboxImage.NAME);
        silent = setUp(modern);
    }

    @AfterAll
    static void stop() throws IOException {
        if (silent != null) silent.close();
        if (modern != null) modern.close();
    }

    @Override
    protected PrivateDockerd daemon() { return modern; }

    @Override
    protected SilentUnixServer silent() { return silent; }

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
