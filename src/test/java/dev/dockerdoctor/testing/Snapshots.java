package dev.dockerdoctor.testing;

import dev.dockerdoctor.model.ComposeProblem;
import dev.dockerdoctor.model.ComposeProject;
import dev.dockerdoctor.model.ContainerInfo;
import dev.dockerdoctor.model.DaemonState;
import dev.dockerdoctor.model.DataRoot;
import dev.dockerdoctor.model.DiskUsage;
import dev.dockerdoctor.model.DiskContainer;
import dev.dockerdoctor.model.DockerConfig;
import dev.dockerdoctor.model.DockerdProcess;
import dev.dockerdoctor.model.HostSnapshot;
import dev.dockerdoctor.model.LastKnownGood;
import dev.dockerdoctor.model.LogEvent;
import dev.dockerdoctor.model.LogStats;
import dev.dockerdoctor.model.MountPoint;
import dev.dockerdoctor.model.RestartSample;
import dev.dockerdoctor.model.RootSetting;
import dev.dockerdoctor.model.UnitFile;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds host snapshots for pure tests, in the words of the domain ("a daemon on X with N containers"). */
public final class Snapshots {
    public static final Instant NOW = Instant.parse("2021-10-07T06:40:00Z");
    public static final long GIB = 1024L * 1024 * 1024;

    private DaemonState daemon = DaemonState.unreachable("connection refused");
    private final List<DataRoot> roots = new ArrayList<>();
    private final List<RootSetting> rootSettings = new ArrayList<>();
    private final List<DockerdProcess> processes = new ArrayList<>();
    private final List<LogEvent> events = new ArrayList<>();
    private final List<ComposeProject> compose = new ArrayList<>();
    private final List<ComposeProblem> composeProblems = new ArrayList<>();
    private final List<MountPoint> mounts = new ArrayList<>();
    private final List<MountPoint> fstab = new ArrayList<>();
    private final List<UnitFile> units = new ArrayList<>();
    private Map<String, Object> daemonJson = new LinkedHashMap<>();
    private String daemonJsonText;
    private String daemonJsonError;
    private String effectiveExecStart;
    private boolean installed = true;
    private LastKnownGood lastKnownGood;
    private final Map<String, String> daemonJsonBackups = new LinkedHashMap<>();
    private DiskUsage diskUsage;
    private final List<RestartSample> restartHistory = new ArrayList<>();
    private dev.dockerdoctor.model.DaemonJsonCheck daemonJsonCheck;

    public static Snapshots host() {
        return new Snapshots();
    }

    /** A daemon that answers, on root {@code root}, with {@code containers} containers (all running). */
    public Snapshots daemonOn(String root, int containers, int images) {
        return daemonOn(root, containers, images, List.of());
    }

    public Snapshots daemonOn(String root, int containers, int images, List<ContainerInfo> list) {
        daemon = new DaemonState(true, root, "overlay2", "20.10.24", containers, containers, images, false, null, list);
        return this;
    }

    public Snapshots daemon(DaemonState d) {
        daemon = d;
        return this;
    }

    public Snapshots daemonDown(String error) {
        daemon = DaemonState.unreachable(error);
        return this;
    }

    public Snapshots daemonDown(DaemonState.Failure failure, String error) {
        daemon = DaemonState.unreachable(failure, error);
        return this;
    }

    public Snapshots notInstalled() {
        installed = false;
        return this;
    }

    public Snapshots root(String path, boolean active, int containers, int images, int volumes, String... projects) {
        return root(path, active, containers, images, volumes, 500 * GIB, 1000 * GIB, projects);
    }

    public Snapshots root(String path, boolean active, int containers, int images, int volumes, long free, long total,
                          String... projects) {
        List<DiskContainer> records = new ArrayList<>();
        for (int i = 0; i < containers; i++) {
            String project = projects.length == 0 ? null : projects[i % projects.length];
            records.add(new DiskContainer(String.format("%064x", i + 1), "c" + i, "local/busybox", true,
                    project == null ? Map.of() : Map.of("com.docker.compose.project", project)));
        }
        roots.add(new DataRoot(path, active, containers, images, volumes, List.of(projects), free, total,
                Map.of("overlay2", images), records));
        return this;
    }

    public Snapshots setting(RootSetting.Kind kind, String file, String key, String value) {
        rootSettings.add(new RootSetting(kind, file, key, value, true));
        if (kind == RootSetting.Kind.DAEMON_JSON) daemonJson.put(key, value);
        return this;
    }

    public Snapshots daemonJson(String key, Object value) {
        daemonJson.put(key, value);
        return this;
    }

    public Snapshots corruptDaemonJson(String error) {
        daemonJsonError = error;
        daemonJson = new LinkedHashMap<>();
        return this;
    }

    public Snapshots process(long pid, String... argv) {
        processes.add(new DockerdProcess(pid, List.of(argv), true));
        return this;
    }

    public Snapshots event(LogEvent e) {
        events.add(e);
        return this;
    }

    public Snapshots compose(ComposeProject p) {
        compose.add(p);
        return this;
    }

    public Snapshots composeProblem(ComposeProblem p) {
        composeProblems.add(p);
        return this;
    }

    public Snapshots mount(String target, String source, String type) {
        mounts.add(new MountPoint(target, source, type));
        return this;
    }

    public Snapshots fstab(String target, String source, String type) {
        fstab.add(new MountPoint(target, source, type));
        return this;
    }

    public Snapshots unit(UnitFile u) {
        units.add(u);
        return this;
    }

    public Snapshots execStart(String e) {
        effectiveExecStart = e;
        return this;
    }

    public Snapshots daemonJsonText(String t) {
        daemonJsonText = t;
        return this;
    }

    public Snapshots daemonJsonBackup(String path, String text) {
        daemonJsonBackups.put(path, text);
        return this;
    }

    public Snapshots lastKnownGood(LastKnownGood g) {
        lastKnownGood = g;
        return this;
    }

    /** The daemon's /system/df accounting. */
    public Snapshots diskUsage(DiskUsage u) {
        diskUsage = u;
        return this;
    }

    /** The restart counts (by container id) a watcher saw {@code ago} before {@link #NOW}. */
    public Snapshots restartsSeen(Duration ago, Map<String, Integer> counts) {
        restartHistory.add(new RestartSample(NOW.minus(ago), counts));
        return this;
    }

    /** What {@code dockerd --validate} said of daemon.json: null words for "configuration OK". */
    public Snapshots dockerdSays(String refusal) {
        daemonJsonCheck = new dev.dockerdoctor.model.DaemonJsonCheck("/usr/bin/dockerd", refusal == null, refusal);
        return this;
    }

    public HostSnapshot build() {
        DockerConfig config = new DockerConfig("/etc/docker/daemon.json", daemonJsonText, daemonJson, daemonJsonError,
                units, effectiveExecStart, rootSettings, processes, installed, mounts, fstab, daemonJsonBackups)
                .withDaemonJsonCheck(daemonJsonCheck);
        return new HostSnapshot(NOW, ZoneOffset.UTC, NOW.minus(Duration.ofHours(24)), daemon, config, roots, events,
                LogStats.none(), compose, composeProblems, lastKnownGood, diskUsage, restartHistory);
    }

}
