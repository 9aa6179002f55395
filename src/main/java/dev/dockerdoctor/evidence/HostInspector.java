package dev.dockerdoctor.evidence;

import dev.dockerdoctor.model.DaemonState;
import dev.dockerdoctor.model.DataRoot;
import dev.dockerdoctor.model.DiskUsage;
import dev.dockerdoctor.model.DockerConfig;
import dev.dockerdoctor.model.HostSnapshot;
import dev.dockerdoctor.model.Install;
import dev.dockerdoctor.model.LastKnownGood;
import dev.dockerdoctor.model.LogStats;
import dev.dockerdoctor.model.MountPoint;
import dev.dockerdoctor.model.RootSetting;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Gathers one {@link HostSnapshot}: the daemon, the configuration, the data roots on disk, the logs and the compose
 * projects. The log scan comes first, then the other probes side by side (building the Docker client is slow).
 * Nothing here decides anything: that is the diagnosis room's job.
 */
public final class HostInspector implements AutoCloseable {
    private static final Set<String> DATA_FS = Set.of("ext2", "ext3", "ext4", "xfs", "btrfs", "zfs", "f2fs", "nfs",
            "nfs4", "cifs", "jfs", "reiserfs", "fuseblk", "ntfs", "ntfs3");

    /** How long the other probes wait for the log scan before they start beside it. */
    static final Duration LOG_HEAD_START = Duration.ofMillis(300);
    /** The longest the log read may take before the report goes out without its timeline (journalctl stops at 20 s). */
    static final Duration LOG_BUDGET = Duration.ofSeconds(60);

    private final HostFiles files;
    private final Supplier<DockerProbe> docker;
    private final String dockerHost;
    private final List<String> dataRootSearch;
    private final Clock clock;
    private final ComposeCommand composeCommand;
    private final List<String> composePaths;
    private final java.util.Map<String, String> env;
    private final java.util.Optional<DaemonJsonValidation> validation;
    private final ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "inspector");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param env the environment compose files are interpolated with (the project's .env comes on top)
     */
    public HostInspector(HostFiles files, Supplier<DockerProbe> docker, String dockerHost, List<String> dataRootSearch,
                         List<String> composePaths, ComposeCommand composeCommand, java.util.Map<String, String> env,
                         Clock clock) {
        this.files = files;
        this.composePaths = List.copyOf(composePaths);
        this.composeCommand = composeCommand;
        this.env = java.util.Map.copyOf(env);
        this.docker = docker;
        this.dockerHost = dockerHost;
        this.dataRootSearch = List.copyOf(dataRootSearch);
        this.clock = clock;
        // the machine's dockerd can judge the host's daemon.json only when the machine is the host
        this.validation = files.root().equals(java.nio.file.Path.of("/")) ? DaemonJsonValidation.onThisMachine()
                : java.util.Optional.empty();
    }

    public HostSnapshot inspect(Instant since, LastKnownGood lastKnownGood) {
        Instant now = clock.instant();
        // first, alone: the log scan needs nothing else. On a small host (2 cores) the other probes beside it (the
        // Docker client and Jackson loading hundreds of classes, the JIT compiling them) made it 1.8 times slower
        // while the whole inspection took no less time: they all wait for the same cores. A slow scan (journalctl
        // over a big journal) keeps them waiting no longer than its head start.
        CompletableFuture<LogProbe.Result> logs = CompletableFuture.supplyAsync(
                () -> new LogProbe(files, clock.getZone()).read(since, now), pool);
        awaitHeadStart(logs);
        CompletableFuture<DaemonState> daemon = CompletableFuture.supplyAsync(() -> docker.get().inspect(), pool);
        CompletableFuture<DockerConfig> config = CompletableFuture.supplyAsync(
                () -> new ConfigProbe(files, dockerHost, validation).read(), pool);
        // the daemon walks every layer for /system/df (about a second for 300 containers): ask once the inspects are
        // done, so it does not eat into their time budget, and beside the data-root scan, so it costs no extra time
        CompletableFuture<Optional<DiskUsage>> diskUsage = daemon.thenApplyAsync(
                st -> st.reachable() ? docker.get().diskUsage() : Optional.<DiskUsage>empty(), pool);

        DaemonState d = daemon.join();
        DockerConfig c = config.join();
        DataRootScanner.Scan scan = new DataRootScanner(files).search(searchPlaces(c), knownRoots(d, c),
                d.reachable() ? d.dockerRootDir() : null);
        List<DataRoot> roots = scan.roots();
        // compose files are found through the containers' labels too, live and on disk: after both are known
        ComposeProbe.Found compose = new ComposeProbe(files, env, composePaths, composeCommand).probe(d, roots);
        DiskUsage usage = diskUsage.join().orElse(null);
        LogProbe.Result l = logsWithin(logs, now);
        return new HostSnapshot(now, clock.getZone(), since, d, c, roots, l.events(), l.stats(), compose.projects(),
                compose.problems(), lastKnownGood).withDiskUsage(usage).withDataRootSearchUnfinished(scan.unfinished());
    }

    /**
     * The logs, or, when reading them overruns {@link #LOG_BUDGET} (a file on a hung network disk, a journal that
     * never ends), none, with a problem that says so: the report comes with what the other probes found.
     */
    private LogProbe.Result logsWithin(CompletableFuture<LogProbe.Result> logs, Instant started) {
        long left = LOG_BUDGET.toMillis() - Duration.between(started, clock.instant()).toMillis();
        try {
            return logs.get(Math.max(0, left), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            logs.cancel(true);
            return new LogProbe.Result(List.of(), new LogStats(0, 0, 0, List.of("reading the logs"
                    + " did not finish in " + LOG_BUDGET.toSeconds() + " s: the timeline is skipped this time"), LOG_BUDGET.toMillis()), 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new LogProbe.Result(List.of(), LogStats.none(), 0);
        } catch (ExecutionException e) {
            return new LogProbe.Result(List.of(), new LogStats(0, 0, 0,
                    List.of("reading the logs failed (" + e.getCause().getClass().getSimpleName() + ")"), 0), 0);
        }
    }

    private static void awaitHeadStart(CompletableFuture<?> logs) {
        try {
            logs.get(LOG_HEAD_START.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // the rest goes on beside it
        } catch (ExecutionException e) {
            // join() reports it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The configured search places plus every data filesystem that is mounted (a big disk is often one). */
    /** Where to search, the likely places first: the mounted data disks, then DOCTOR_DATA_ROOT_SEARCH. */
    private List<String> searchPlaces(DockerConfig c) {
        Set<String> out = new LinkedHashSet<>();
        for (MountPoint m : c.mounts()) {
            String t = m.target();
            // bind mounts (dockerd binds its own root onto itself) are folders, not disks: the search finds them anyway
            if (m.bindOfSubdirectory() || !DATA_FS.contains(m.fsType()) || t.equals("/") || t.startsWith("/proc") || t.startsWith("/sys")
                    || t.startsWith("/dev") || t.startsWith("/run") || t.contains("/overlay2/") || t.startsWith("/boot")) {
                continue;
            }
            out.add(t);
        }
        out.addAll(dataRootSearch);
        return new ArrayList<>(out);
    }

    /** Places a root is known to be: the live one and every configured one, found even outside the search. */
    private static List<String> knownRoots(DaemonState d, DockerConfig c) {
        Set<String> out = new LinkedHashSet<>();
        if (d.reachable() && d.dockerRootDir() != null) out.add(d.dockerRootDir());
        for (RootSetting s : c.rootSettings()) out.add(s.value());
        out.add(c.install().defaultRoot());
        out.add(Install.DEB.defaultRoot()); // a snap host may have had the packages' Docker before
        return new ArrayList<>(out);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
