package dev.dockerdoctor.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the host's files and processes say about how dockerd is (or would be) started.
 *
 * @param daemonJsonPath   host path of daemon.json
 * @param daemonJsonText   its raw text (null when absent or unreadable), kept for "last known good"
 * @param daemonJson       its top-level keys when it parsed as a JSON object, else empty
 * @param daemonJsonError  why it could not be used (corrupt, not an object, unreadable); null when fine or absent
 * @param units            docker.service vendor unit, full override and drop-ins, in the order systemd applies them
 * @param effectiveExecStart the ExecStart systemd would run after applying override and drop-ins (null: no unit)
 * @param rootSettings     every place a data root is set, effective or not
 * @param processes        dockerd processes found in /proc
 * @param dockerInstalled  whether anything of Docker is installed on the host (binary, unit, /etc/docker, snap)
 * @param mounts           what is mounted now
 * @param fstab            what /etc/fstab (and systemd .mount units in /etc) say should be mounted
 * @param daemonJsonBackups earlier versions of daemon.json that packages or admins left beside it
 *                         ({@code daemon.json.dpkg-old}, {@code .ucf-old}, {@code .rpmsave}...): path to text
 * @param packages         the Docker packages installed (dpkg's status), name to version: the clients' age
 * @param osRelease        /etc/os-release's keys (ID, ID_LIKE, PRETTY_NAME...): which family's tools to offer
 * @param rootless         the users' rootless daemons (user units under their homes), apart from the system's
 * @param daemonJsonCheck  dockerd's own verdict on daemon.json ({@code --validate}), null when none could be asked
 */
public record DockerConfig(String daemonJsonPath, String daemonJsonText, Map<String, Object> daemonJson,
                           String daemonJsonError, List<UnitFile> units, String effectiveExecStart,
                           List<RootSetting> rootSettings, List<DockerdProcess> processes, boolean dockerInstalled,
                           List<MountPoint> mounts, List<MountPoint> fstab, Map<String, String> daemonJsonBackups,
                           Map<String, String> packages, Map<String, String> osRelease,
                           List<RootlessDaemon> rootless, DaemonJsonCheck daemonJsonCheck) {
    public DockerConfig {
        daemonJson = daemonJson == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(daemonJson));
        units = List.copyOf(units);
        rootSettings = List.copyOf(rootSettings);
        processes = List.copyOf(processes);
        mounts = List.copyOf(mounts);
        fstab = List.copyOf(fstab);
        daemonJsonBackups = daemonJsonBackups == null ? Map.of() : Map.copyOf(daemonJsonBackups);
        packages = packages == null ? Map.of() : Map.copyOf(packages);
        osRelease = osRelease == null ? Map.of() : Map.copyOf(osRelease);
        rootless = rootless == null ? List.of() : List.copyOf(rootless);
    }

    public DockerConfig(String daemonJsonPath, String daemonJsonText, Map<String, Object> daemonJson,
                        String daemonJsonError, List<UnitFile> units, String effectiveExecStart,
                        List<RootSetting> rootSettings, List<DockerdProcess> processes, boolean dockerInstalled,
                        List<MountPoint> mounts, List<MountPoint> fstab, Map<String, String> daemonJsonBackups,
                        Map<String, String> packages, Map<String, String> osRelease) {
        this(daemonJsonPath, daemonJsonText, daemonJson, daemonJsonError, units, effectiveExecStart, rootSettings,
                processes, dockerInstalled, mounts, fstab, daemonJsonBackups, packages, osRelease, List.of(), null);
    }

    public DockerConfig withDaemonJsonCheck(DaemonJsonCheck check) {
        return new DockerConfig(daemonJsonPath, daemonJsonText, daemonJson, daemonJsonError, units, effectiveExecStart,
                rootSettings, processes, dockerInstalled, mounts, fstab, daemonJsonBackups, packages, osRelease, rootless, check);
    }

    /**
     * How Docker is installed: the snap's dockerd reads its daemon.json under /var/snap/docker (the probe names that
     * file when the snap is the daemon), else the OS family's packages.
     */
    public Install install() {
        if (daemonJsonPath != null && daemonJsonPath.startsWith("/var/snap/" + Install.SNAP_NAME + "/")) return Install.SNAP;
        return rpmFamily() ? Install.RPM : Install.DEB;
    }

    /**
     * Whether the host is of the RPM family (RHEL, Rocky, Alma, CentOS, Fedora, Amazon Linux, Photon), where dnf (or
     * yum, tdnf) upgrades Docker and apt's prevention does not apply.
     */
    public boolean rpmFamily() {
        String words = (osRelease.getOrDefault("ID", "") + " " + osRelease.getOrDefault("ID_LIKE", "")).toLowerCase(java.util.Locale.ROOT);
        for (String w : words.split("\\s+")) {
            if (java.util.Set.of("rhel", "fedora", "centos", "rocky", "almalinux", "amzn", "photon", "ol").contains(w)) return true;
        }
        return false;
    }

    public DockerConfig(String daemonJsonPath, String daemonJsonText, Map<String, Object> daemonJson,
                        String daemonJsonError, List<UnitFile> units, String effectiveExecStart,
                        List<RootSetting> rootSettings, List<DockerdProcess> processes, boolean dockerInstalled,
                        List<MountPoint> mounts, List<MountPoint> fstab, Map<String, String> daemonJsonBackups) {
        this(daemonJsonPath, daemonJsonText, daemonJson, daemonJsonError, units, effectiveExecStart, rootSettings,
                processes, dockerInstalled, mounts, fstab, daemonJsonBackups, Map.of(), Map.of());
    }

    public static DockerConfig empty() {
        return new DockerConfig("/etc/docker/daemon.json", null, Map.of(), null, List.of(), null, List.of(), List.of(),
                false, List.of(), List.of(), Map.of());
    }

    /** Settings dockerd would honour on its next start (not the running process, not ignored files). */
    public List<RootSetting> effectiveConfiguredRoots() {
        List<RootSetting> out = new ArrayList<>();
        for (RootSetting s : rootSettings) {
            if (s.effective() && s.kind() != RootSetting.Kind.PROCESS) out.add(s);
        }
        return out;
    }

    /** The root the configuration names for the next start, if it names exactly one value. */
    public Optional<String> configuredRoot() {
        List<String> values = effectiveConfiguredRoots().stream().map(RootSetting::value).distinct().toList();
        return values.size() == 1 ? Optional.of(values.get(0)) : Optional.empty();
    }

    /** A root set both as a flag and in daemon.json: dockerd refuses to start. */
    public boolean hasFlagAndFileConflict() {
        List<RootSetting> eff = effectiveConfiguredRoots();
        boolean flag = eff.stream().anyMatch(s -> s.kind().isFlagSource());
        boolean file = eff.stream().anyMatch(s -> s.kind() == RootSetting.Kind.DAEMON_JSON);
        return flag && file;
    }

    public Optional<DockerdProcess> targetProcess() {
        return processes.stream().filter(DockerdProcess::isTarget).findFirst();
    }
}
