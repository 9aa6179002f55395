package dev.dockerdoctor.evidence;

import dev.dockerdoctor.testing.BusyboxImage;
import dev.dockerdoctor.testing.PrivateDockerd;
import dev.dockerdoctor.testing.SilentUnixServer;
import org.junit.jupiter.api.AfterEach;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The probe contract against a real private dockerd, whichever engine it is: the contract's containers made on it
 * once per class ({@link #setUp}), a silent socket beside it, and every probe a test opens closed after it.
 */
abstract class RealDaemonProbeContract extends DockerProbeContract {
    static final Duration SHORT_READ = Duration.ofSeconds(2);
    private final List<DockerProbe> opened = new ArrayList<>();

    /** The daemon of the class, set up by {@link #setUp}. */
    protected abstract PrivateDockerd daemon();

    protected abstract SilentUnixServer silent();

    /** The contract's containers on {@code d} (a labelled web server, a one-shot that exits 3), and a silent socket. */
    static SilentUnixServer setUp(PrivateDockerd d) throws IOException {
        d.dockerOk("run", "-d", "--name", WEB, "--label", "com.docker.compose.project=" + PROJECT,
                "--label", "com.docker.compose.service=" + SERVICE, BusyboxImage.NAME, "httpd", "-f", "-p", "80", "-h", "/www");
        var oneshot = d.docker("run", "--name", ONESHOT, BusyboxImage.NAME, "sh", "-c", "exit " + ONESHOT_EXIT);
        assertThat(oneshot.exitCode()).as(oneshot.stderr() + d.logTail(10)).isEqualTo(ONESHOT_EXIT);
        return new SilentUnixServer(d.base().resolve("silent.sock"));
    }

    @AfterEach
    void closeProbes() {
        opened.forEach(DockerProbe::close);
    }

    protected DockerJavaProbe probe(String host, Duration read) {
        DockerJavaProbe p = new DockerJavaProbe(host, Duration.ofSeconds(2), read);
        opened.add(p);
        return p;
    }

    @Override
    protected DockerProbe probeOfKnownDaemon() { return probe(daemon().host(), DockerJavaProbe.DEFAULT_READ_TIMEOUT); }

    @Override
    protected String knownRootDir() { return daemon().dataRoot().toString(); }

    @Override
    protected DockerProbe probeOfMissingDaemon() { return probe("unix://" + daemon().base().resolve("nothing.sock"), SHORT_READ); }

    @Override
    protected DockerProbe probeOfSilentDaemon() { return probe(silent().host(), SHORT_READ); }

    @Override
    protected Duration silentLimit() { return SHORT_READ.plusMillis(1500); }
}
