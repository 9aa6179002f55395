package dev.dockerdoctor.evidence;

import dev.dockerdoctor.model.ContainerInfo;
import dev.dockerdoctor.model.DaemonState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * What every {@link DockerProbe} must return, run against each implementation (the fake in a unit test, the real one
 * against a private dockerd). A subclass sets up three daemons:
 * <ul>
 *   <li>a known one holding exactly two containers: {@value #WEB} running, labelled as service {@value #SERVICE} of
 *       compose project {@value #PROJECT}, and {@value #ONESHOT}, unlabelled, exited with code {@value #ONESHOT_EXIT};</li>
 *   <li>a missing one: nothing listens at its address;</li>
 *   <li>a silent one: it accepts connections and never answers.</li>
 * </ul>
 */
public abstract class DockerProbeContract {
    public static final String PROJECT = "shop";
    public static final String SERVICE = "web";
    public static final String WEB = "shop_web_1";
    public static final String ONESHOT = "oneshot";
    public static final int ONESHOT_EXIT = 3;

    /** A probe of the known daemon described above. */
    protected abstract DockerProbe probeOfKnownDaemon();

    /** The DockerRootDir the known daemon reports. */
    protected abstract String knownRootDir();

    /** A probe of an address where nothing listens. */
    protected abstract DockerProbe probeOfMissingDaemon();

    /** A probe of a daemon that accepts and never answers. */
    protected abstract DockerProbe probeOfSilentDaemon();

    /** How long a set-up probe of the silent daemon may take to give up (its read timeout plus a margin). */
    protected abstract Duration silentLimit();

    @Test
    void shouldReportTheDaemonsFacts() {
        try (DockerProbe probe = probeOfKnownDaemon()) {
            DaemonState s = probe.inspect();

            assertThat(s.reachable()).as(s.error()).isTrue();
            assertThat(s.error()).isNull();
            assertThat(s.dockerRootDir()).isEqualTo(knownRootDir());
            assertThat(s.storageDriver()).isNotBlank();
            assertThat(s.serverVersion()).isNotBlank();
            assertThat(s.containers()).isEqualTo(2);
            assertThat(s.running()).isEqualTo(1);
            assertThat(s.images()).isGreaterThanOrEqualTo(1);
            assertThat(s.liveRestoreEnabled()).isNotNull();
        }
    }

    @Test
    void shouldListEveryContainerWithItsComposeLabels() {
        try (DockerProbe probe = probeOfKnownDaemon()) {
            DaemonState s = probe.inspect();

            assertThat(s.containerList()).extracting(ContainerInfo::name).containsExactlyInAnyOrder(WEB, ONESHOT);
            ContainerInfo web = byName(s, WEB);
            assertThat(web.id()).isNotBlank();
            assertThat(web.image()).isNotBlank();
            assertThat(web.isRunning()).isTrue();
            assertThat(web.composeProject()).isEqualTo(PROJECT);
            assertThat(web.composeService()).isEqualTo(SERVICE);
            ContainerInfo oneshot = byName(s, ONESHOT);
            assertThat(oneshot.state()).isEqualTo("exited");
            assertThat(oneshot.exitCode()).isEqualTo(ONESHOT_EXIT);
            assertThat(oneshot.composeProject()).isNull();
        }
    }

    @Test
    void shouldAgreeBetweenCountsAndList() {
        try (DockerProbe probe = probeOfKnownDaemon()) {
            DaemonState s = probe.inspect();

            assertThat(s.containerList()).hasSize(s.containers());
            assertThat(s.containerList().stream().filter(ContainerInfo::isRunning).count()).isEqualTo((long) s.running());
            assertThat(s.containerList()).allSatisfy(c -> assertThat(c.name()).doesNotStartWith("/"));
        }
    }

    @Test
    void shouldSayWhyWhenNothingListens() {
        try (DockerProbe probe = probeOfMissingDaemon()) {
            long t0 = System.nanoTime();
            DaemonState s = probe.inspect();
            Duration took = Duration.ofNanos(System.nanoTime() - t0);

            assertUnreachable(s);
            assertThat(took).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void shouldGiveUpOnASilentDaemonWithinItsReadTimeout() {
        try (DockerProbe probe = probeOfSilentDaemon()) {
            DaemonState first = probe.inspect(); // may include one-off set-up of the client
            long t0 = System.nanoTime();
            DaemonState s = probe.inspect();
            Duration took = Duration.ofNanos(System.nanoTime() - t0);

            assertUnreachable(first);
            assertUnreachable(s);
            assertThat(s.error()).contains("timed out");
            assertThat(took).isLessThan(silentLimit());
        }
    }

    @Test
    void shouldNeverThrowWhenAskedAgainOrClosedTwice() {
        DockerProbe probe = probeOfKnownDaemon();
        assertThat(probe.inspect().reachable()).isTrue();
        assertThat(probe.inspect().reachable()).isTrue();
        probe.close();
        assertThatCode(probe::close).doesNotThrowAnyException();
        DaemonState afterClose = probe.inspect();
        assertThat(afterClose).isNotNull();
        if (!afterClose.reachable()) assertThat(afterClose.error()).isNotBlank();
    }

    private static void assertUnreachable(DaemonState s) {
        assertThat(s.reachable()).isFalse();
        assertThat(s.error()).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(s.dockerRootDir()).isNull();
        assertThat(s.containers()).isNull();
        assertThat(s.running()).isNull();
        assertThat(s.images()).isNull();
        assertThat(s.containerList()).isEmpty();
    }

    protected static ContainerInfo byName(DaemonState s, String name) {
        Optional<ContainerInfo> c = s.containerList().stream().filter(x -> name.equals(x.name())).findFirst();
        assertThat(c).as("container " + name + " in " + s.containerList()).isPresent();
        return c.get();
    }
}
