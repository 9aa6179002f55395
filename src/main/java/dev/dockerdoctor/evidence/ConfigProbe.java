package dev.dockerdoctor.evidence;

import dev.dockerdoctor.model.DockerConfig;
import dev.dockerdoctor.model.DockerdProcess;
import dev.dockerdoctor.model.Install;
import dev.dockerdoctor.model.MountPoint;
import dev.dockerdoctor.model.RootSetting;
import dev.dockerdoctor.model.UnitFile;
import dev.dockerdoctor.parse.CommandLine;
import dev.dockerdoctor.parse.DaemonJsonParser;
import dev.dockerdoctor.parse.DockerdFlags;
import dev.dockerdoctor.parse.MountTable;
import dev.dockerdoctor.parse.SystemdUnitParser;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads every place the host configures dockerd (PRODUCT.md, "Where the data root is configured") and the running
 * dockerd processes, into one {@link DockerConfig}. Read-only; unreadable or corrupt files become values.
 */
public final class ConfigProbe {
    public static final String DAEMON_JSON = Install.DEB.daemonJson();
    static final List<String> VENDOR_UNITS = List.of("/lib/systemd/system/docker.service", "/usr/lib/systemd/system/docker.service");
    static final String OVERRIDE_UNIT = "/etc/systemd/system/docker.service";
    static final List<String> DROP_IN_DIRS = List.of("/etc/systemd/system/docker.service.d", "/run/systemd/system/docker.service.d");
    static final String ETC_DEFAULT = "/etc/default/docker";
    static final String SNAP_DAEMON_JSON = Install.SNAP.daemonJson();
    static final String DEFAULT_PID_FILE = "/var/run/docker.pid";
    static final String DEFAULT_SOCKET = "/var/run/docker.sock";
    private static final List<String> INSTALL_MARKERS = List.of("/usr/bin/dockerd", "/usr/sbin/dockerd",
            "/usr/local/bin/dockerd", "/lib/systemd/system/docker.service", "/usr/lib/systemd/system/docker.service",
            "/etc/docker", "/snap/docker", "/var/snap/docker");
    private static final long MAX_CONFIG_BYTES = 1 << 20;
    static final String DPKG_STATUS = "/var/lib/dpkg/status";
    private static final long MAX_DPKG_STATUS_BYTES = 32L << 20;

    private final HostFiles files;
    private final String dockerHost;

    private final Optional<DaemonJsonValidation> validation;

    /** @param dockerHost the DOCKER_HOST the bot talks to, to tell which dockerd process is "the" daemon */
    public ConfigProbe(HostFiles files, String dockerHost) {
        this(files, dockerHost, Optional.empty());
    }

    /** @param validation the host's dockerd to ask about daemon.json ({@code --validate}), where there is one */
    public ConfigProbe(HostFiles files, String dockerHost, Optional<DaemonJsonValidation> validation) {
        this.files = files;
        this.dockerHost = dockerHost;
        this.validation = validation;
    }

    public DockerConfig read() {
        List<DockerdProcess> processes = processes();
        Optional<DockerdProcess> target = processes.stream().filter(DockerdProcess::isTarget).findFirst();
        // a running daemon may have been given another daemon.json with --config-file
        String daemonJsonPath = target.flatMap(p -> DockerdFlags.configFile(p.argv())).map(DockerdFlags.Flag::value)
                .orElse(snapIsTheDaemon(target) ? Install.SNAP.daemonJson() : DAEMON_JSON);

        List<RootSetting> roots = new ArrayList<>();
        HostFiles.TextFile dj = files.readText(daemonJsonPath, MAX_CONFIG_BYTES);
        Map<String, Object> keys = Map.of();
        String djError = dj.problem();
        if (dj.ok()) {
            DaemonJsonParser.Result r = DaemonJsonParser.parse(dj.text());
            keys = r.keys();
            djError = r.error();
            addJsonRoots(roots, RootSetting.Kind.DAEMON_JSON, daemonJsonPath, keys, true);
        }

        List<UnitFile> units = units();
        String effective = effectiveExecStart(units);
        for (UnitFile u : units) {
            for (String exec : u.execStart()) {
                if (exec.isEmpty()) continue;
                DockerdFlags.dataRoot(SystemdUnitParser.argv(exec)).ifPresent(f -> roots.add(new RootSetting(
                        kindOf(u), u.path(), f.name(), f.value(), exec.equals(effective))));
            }
        }

        HostFiles.TextFile def = files.readText(ETC_DEFAULT, MAX_CONFIG_BYTES);
        if (def.ok()) {
            List<String> opts = CommandLine.split(shellValue(def.text(), "DOCKER_OPTS"));
            // /etc/default/docker is only read by the old init scripts; under systemd it counts only when the unit
            // itself expands $DOCKER_OPTS
            boolean honoured = units.isEmpty() || (effective != null && effective.contains("$DOCKER_OPTS"));
            DockerdFlags.dataRoot(opts).ifPresent(f -> roots.add(new RootSetting(RootSetting.Kind.ETC_DEFAULT,
                    ETC_DEFAULT, f.name(), f.value(), honoured)));
        }

        HostFiles.TextFile snap = files.readText(SNAP_DAEMON_JSON, MAX_CONFIG_BYTES);
        if (snap.ok() && !daemonJsonPath.startsWith("/var/snap/")) { // a snap beside the packages' Docker
            DaemonJsonParser.Result r = DaemonJsonParser.parse(snap.text());
            addJsonRoots(roots, RootSetting.Kind.SNAP, SNAP_DAEMON_JSON, r.keys(), files.exists("/snap/docker"));
        }

        target.ifPresent(p -> DockerdFlags.dataRoot(p.argv()).ifPresent(f -> roots.add(new RootSetting(
                RootSetting.Kind.PROCESS, "pid " + p.pid(), f.name(), f.value(), true))));

        boolean installed = !processes.isEmpty() || INSTALL_MARKERS.stream().anyMatch(files::exists);
        HostFiles.TextFile dpkg = files.readText(DPKG_STATUS, MAX_DPKG_STATUS_BYTES);
        return new DockerConfig(daemonJsonPath, dj.ok() ? dj.text() : null, keys, djError, units, effective, roots,
                processes, installed, mounts(), expectedMounts(), daemonJsonBackups(daemonJsonPath),
                dpkg.ok() ? dev.dockerdoctor.parse.DpkgStatus.installed(dpkg.text(), dev.dockerdoctor.parse.DockerClients.PACKAGES) : Map.of(),
                osRelease(), new RootlessProbe(files).find(), dj.ok() ? validation.flatMap(v -> v.check(
                files.resolve(daemonJsonPath), dj.text())).orElse(null) : null);
    }

    /**
     * Whether the docker snap is the daemon: the running dockerd is the snap's, or, with none running, the snap is
     * installed and no packaged dockerd is.
     */
    private boolean snapIsTheDaemon(Optional<DockerdProcess> target) {
        if (target.isPresent()) return !target.get().argv().isEmpty() && target.get().argv().get(0).startsWith("/snap/");
        return files.exists("/snap/" + Install.SNAP_NAME) && PACKAGED_DOCKERD.stream().noneMatch(files::exists);
    }

    private static final List<String> PACKAGED_DOCKERD = List.of("/usr/bin/dockerd", "/usr/sbin/dockerd",
            "/usr/local/bin/dockerd", "/lib/systemd/system/docker.service", "/usr/lib/systemd/system/docker.service");

    /** /etc/os-release (else /usr/lib/os-release) as keys and unquoted values. */
    private Map<String, String> osRelease() {
        for (String f : List.of("/etc/os-release", "/usr/lib/os-release")) {
            HostFiles.TextFile t = files.readText(f, 64 * 1024);
            if (!t.ok()) continue;
            Map<String, String> out = new java.util.LinkedHashMap<>();
            for (String line : t.text().split("\n")) {
                int eq = line.indexOf('=');
                if (eq <= 0 || line.startsWith("#")) continue;
                String v = line.substring(eq + 1).strip();
                if (v.length() >= 2 && (v.startsWith("\"") || v.startsWith("'"))) v = v.substring(1, v.length() - 1);
                out.put(line.substring(0, eq).strip(), v);
            }
            return out;
        }
        return Map.of();
    }

    private static void addJsonRoots(List<RootSetting> roots, RootSetting.Kind kind, String file,
                                     Map<String, Object> keys, boolean effective) {
        String dataRoot = DaemonJsonParser.string(keys, "data-root");
        String graph = DaemonJsonParser.string(keys, "graph");
        if (dataRoot != null) roots.add(new RootSetting(kind, file, "data-root", dataRoot, effective));
        // the legacy key only counts when data-root is not there
        if (graph != null) roots.add(new RootSetting(kind, file, "graph", graph, effective && dataRoot == null));
    }

    /** Vendor unit (or the full override that replaces it), then drop-ins in the order systemd applies them. */
    List<UnitFile> units() {
        List<UnitFile> out = new ArrayList<>();
        for (String v : VENDOR_UNITS) {
            HostFiles.TextFile t = files.readText(v, MAX_CONFIG_BYTES);
            if (t.ok()) {
                out.add(new UnitFile(v, UnitFile.Kind.VENDOR, SystemdUnitParser.execStart(t.text())));
                break; // /lib is usually a symlink of /usr/lib: read one
            }
        }
        HostFiles.TextFile o = files.readText(OVERRIDE_UNIT, MAX_CONFIG_BYTES);
        if (o.ok()) out.add(new UnitFile(OVERRIDE_UNIT, UnitFile.Kind.OVERRIDE, SystemdUnitParser.execStart(o.text())));
        List<String> dropIns = new ArrayList<>();
        for (String dir : DROP_IN_DIRS) {
            files.list(dir).stream().filter(p -> p.endsWith(".conf")).forEach(dropIns::add);
        }
        dropIns.sort((a, b) -> name(a).compareTo(name(b)));
        for (String d : dropIns) {
            HostFiles.TextFile t = files.readText(d, MAX_CONFIG_BYTES);
            if (t.ok()) out.add(new UnitFile(d, UnitFile.Kind.DROP_IN, SystemdUnitParser.execStart(t.text())));
        }
        return out;
    }

    /** A full override in /etc replaces the vendor unit; drop-ins apply on top of whichever is in force. */
    static String effectiveExecStart(List<UnitFile> units) {
        boolean hasOverride = units.stream().anyMatch(u -> u.kind() == UnitFile.Kind.OVERRIDE);
        List<List<String>> ordered = units.stream()
                .filter(u -> !(hasOverride && u.kind() == UnitFile.Kind.VENDOR))
                .map(UnitFile::execStart).toList();
        return units.isEmpty() ? null : SystemdUnitParser.effective(ordered);
    }

    private static RootSetting.Kind kindOf(UnitFile u) {
        return switch (u.kind()) {
            case VENDOR -> RootSetting.Kind.VENDOR_UNIT;
            case OVERRIDE -> RootSetting.Kind.OVERRIDE_UNIT;
            case DROP_IN -> RootSetting.Kind.DROP_IN;
        };
    }

    /** dockerd processes from /proc; the target is the one serving DOCKER_HOST's socket (or named by the pid file). */
    List<DockerdProcess> processes() {
        String socket = socketPath(dockerHost);
        String pidFileText = files.readText(DEFAULT_PID_FILE, 64).text();
        String defaultPid = pidFileText == null ? null : pidFileText.trim();
        List<DockerdProcess> out = new ArrayList<>();
        for (String dir : files.list("/proc")) {
            String pid = name(dir);
            if (!pid.chars().allMatch(Character::isDigit)) continue;
            byte[] raw = files.readBytes(dir + "/cmdline", 64 * 1024);
            if (raw == null || raw.length == 0) continue;
            List<String> argv = Arrays.stream(new String(raw, StandardCharsets.UTF_8).split("\0")).toList();
            if (!DockerdFlags.isDockerd(argv)) continue;
            List<String> hosts = DockerdFlags.hosts(argv);
            boolean serves = socket != null && (hosts.stream().anyMatch(h -> socket.equals(socketPath(h)))
                    || (hosts.isEmpty() && socket.equals(DEFAULT_SOCKET)));
            boolean named = socket != null && socket.equals(DEFAULT_SOCKET) && pid.equals(defaultPid);
            out.add(new DockerdProcess(Long.parseLong(pid), argv, serves || named));
        }
        return out;
    }

    private List<MountPoint> mounts() {
        // in our own namespace "self" is right; under a separate host root, the host's init sees the host's mounts
        List<String> candidates = files.root().toString().equals("/")
                ? List.of("/proc/self/mountinfo") : List.of("/proc/1/mountinfo", "/proc/self/mountinfo");
        for (String c : candidates) {
            HostFiles.TextFile t = files.readText(c, 4 << 20);
            if (t.ok()) return MountTable.mountinfo(t.text());
        }
        return List.of();
    }

    /** /etc/fstab plus the systemd .mount units an admin wrote in /etc/systemd/system. */
    private List<MountPoint> expectedMounts() {
        List<MountPoint> out = new ArrayList<>(MountTable.fstab(files.readText("/etc/fstab", MAX_CONFIG_BYTES).text()));
        for (String unit : files.list("/etc/systemd/system")) {
            if (!unit.endsWith(".mount")) continue;
            String text = files.readText(unit, MAX_CONFIG_BYTES).text();
            List<String> where = SystemdUnitParser.values(text, "Mount", "Where");
            List<String> what = SystemdUnitParser.values(text, "Mount", "What");
            List<String> type = SystemdUnitParser.values(text, "Mount", "Type");
            if (!where.isEmpty()) {
                out.add(new MountPoint(where.get(0), what.isEmpty() ? unit : what.get(0), type.isEmpty() ? "auto" : type.get(0)));
            }
        }
        return out;
    }

    /** Copies of daemon.json that dpkg, ucf, rpm or an admin left beside it: the old content of a replaced file. */
    private Map<String, String> daemonJsonBackups(String daemonJsonPath) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String suffix : List.of(".dpkg-old", ".dpkg-dist", ".dpkg-bak", ".ucf-old", ".ucf-dist", ".rpmsave", ".rpmorig", ".bak", ".orig")) {
            HostFiles.TextFile t = files.readText(daemonJsonPath + suffix, MAX_CONFIG_BYTES);
            if (t.ok()) out.put(daemonJsonPath + suffix, t.text());
        }
        return out;
    }

    /** The path of a unix:// DOCKER_HOST, or null for tcp and others. */
    public static String socketPath(String host) {
        if (host == null) return null;
        if (host.startsWith("unix://")) return host.substring("unix://".length());
        if (host.startsWith("/")) return host;
        return null;
    }

    /** The value of VAR="..." in a shell-style defaults file (last assignment wins, comments skipped). */
    static String shellValue(String text, String var) {
        String value = "";
        for (String line : text.split("\n")) {
            String l = line.trim();
            if (l.startsWith("export ")) l = l.substring(7).trim();
            if (!l.startsWith(var + "=")) continue;
            String v = l.substring(var.length() + 1).trim();
            if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
                v = v.substring(1, v.length() - 1);
            }
            value = v;
        }
        return value;
    }

    private static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
