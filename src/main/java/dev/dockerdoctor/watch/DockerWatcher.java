package dev.dockerdoctor.watch;

import dev.dockerdoctor.evidence.DockerProbe;
import dev.dockerdoctor.model.DaemonState;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Watches the daemon at DOCKER_HOST through {@link DockerProbe#inspect()} against a {@link DockerBaseline}:
 * <ul>
 * <li>{@code daemon-unreachable}: confirmed like a URL (failures in a row), and only on a host where the daemon has
 *     answered before (a baseline exists), so a machine without Docker raises nothing;</li>
 * <li>{@code data-root-changed}: the live root differs from the baseline's;</li>
 * <li>{@code containers-collapsed}: the daemon holds no containers, or under a tenth, of the baseline's N &gt; 0;</li>
 * <li>the containers' own signals (restart loops, failing health checks, OOM kills): {@link ContainerWatcher}.</li>
 * </ul>
 * Only the polls of the interval count towards the daemon's up/down streak: the extra polls the event stream asks
 * for come in bursts around a restart, and two of them a second apart must not make a routine restart an outage.
 * <p>A reachable daemon with neither change becomes the new baseline (so counts follow normal growth). A changed root
 * stays a problem until the root is back or the incident closes ({@link #adoptCurrent()}: whatever the host looks
 * like when the diagnosis calls it healthy is the new normal, e.g. a root moved on purpose).
 */
public final class DockerWatcher {
    public static final String DAEMON = "daemon";
    public static final String DATA_ROOT = "data-root";
    public static final String CONTAINERS = "containers";

    private final DockerProbe probe;
    private final Clock clock;
    private final WatchState daemon;
    private final ContainerWatcher containerSignals;
    private DockerBaseline baseline;
    private DaemonState lastReachable;

    public DockerWatcher(DockerProbe probe, Clock clock, int downAfter, int upAfter, DockerBaseline baseline) {
        this.probe = probe;
        this.clock = clock;
        this.daemon = new WatchState(downAfter, upAfter);
        this.containerSignals = new ContainerWatcher(downAfter, upAfter);
        this.baseline = baseline;
    }

    /** A poll of the interval. */
    public Reading poll() {
        return observe(probe.inspect());
    }

    /** The pure half of {@link #poll()}: one daemon state from a poll of the interval in, the reading out. */
    public Reading observe(DaemonState s) {
        return observe(s, true);
    }

    /**
     * @param scheduled whether this is a poll of the interval (it counts towards the daemon's up/down streak) or an
     *                  extra one (it judges the root and the containers only)
     */
    public synchronized Reading observe(DaemonState s, boolean scheduled) {
        Instant now = clock.instant();
        List<Signal> problems = new ArrayList<>();
        Set<SignalKey> healthy = new LinkedHashSet<>();
        if (!s.reachable()) {
            if (scheduled) daemon.record(s.error() == null ? "the Docker daemon does not answer" : s.error(), now);
            if (daemon.down() && baseline != null) {
                problems.add(new Signal(SignalKind.DAEMON_UNREACHABLE, DAEMON, "Docker daemon unreachable: " + daemon.lastFailure(), daemon.since()));
            }
            // root and containers cannot be judged without the daemon: undecided
            return new Reading(problems, healthy);
        }
        if (scheduled) daemon.record(null, now);
        if (daemon.up()) healthy.add(new SignalKey(SignalKind.DAEMON_UNREACHABLE, DAEMON));
        else if (daemon.down()) {
            problems.add(new Signal(SignalKind.DAEMON_UNREACHABLE, DAEMON, "Docker daemon unreachable: " + daemon.lastFailure(), daemon.since()));
        }
        lastReachable = s;
        int containers = s.containers() == null ? 0 : s.containers();
        if (baseline == null) {
            baseline = new DockerBaseline(s.dockerRootDir(), containers, now);
            healthy.add(new SignalKey(SignalKind.DATA_ROOT_CHANGED, DATA_ROOT));
            healthy.add(new SignalKey(SignalKind.CONTAINERS_COLLAPSED, CONTAINERS));
            return withContainers(new Reading(problems, healthy), s, now, scheduled);
        }
        boolean rootChanged = !Objects.equals(baseline.root(), s.dockerRootDir());
        boolean collapsed = baseline.containers() > 0 && (long) containers * 10 < baseline.containers();
        if (rootChanged) {
            problems.add(new Signal(SignalKind.DATA_ROOT_CHANGED, DATA_ROOT, "Docker's root directory changed from "
                    + baseline.root() + " to " + s.dockerRootDir(), now));
        } else {
            healthy.add(new SignalKey(SignalKind.DATA_ROOT_CHANGED, DATA_ROOT));
        }
        if (collapsed) {
            problems.add(new Signal(SignalKind.CONTAINERS_COLLAPSED, CONTAINERS, "containers went from "
                    + baseline.containers() + " to " + containers, now));
        } else {
            healthy.add(new SignalKey(SignalKind.CONTAINERS_COLLAPSED, CONTAINERS));
        }
        // only a real difference makes a new baseline: it is persisted whenever it changes
        if (!rootChanged && !collapsed && containers != baseline.containers()) {
            baseline = new DockerBaseline(s.dockerRootDir(), containers, now);
        }
        return withContainers(new Reading(problems, healthy), s, now, scheduled);
    }

    private Reading withContainers(Reading mine, DaemonState s, Instant now, boolean scheduled) {
        // a list the daemon could not give is not a list of no containers
        return s.error() == null ? mine.plus(containerSignals.observe(s.containerList(), now, scheduled)) : mine;
    }

    /** Restarts seen so far count towards no loop (after a maintenance window, or a step of the bot's). */
    public synchronized void forgetRestarts() {
        containerSignals.forgetRestarts();
    }

    /** Takes the daemon as last seen as the new normal (called when an incident resolves). */
    public synchronized void adoptCurrent() {
        if (lastReachable == null) return;
        baseline = new DockerBaseline(lastReachable.dockerRootDir(),
                lastReachable.containers() == null ? 0 : lastReachable.containers(), clock.instant());
    }

    public synchronized DockerBaseline baseline() { return baseline; }

    public WatchState.Status daemonStatus() { return daemon.status(); }
}
