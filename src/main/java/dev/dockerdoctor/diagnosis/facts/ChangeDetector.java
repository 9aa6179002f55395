package dev.dockerdoctor.diagnosis.facts;

import dev.dockerdoctor.model.Change;
import dev.dockerdoctor.model.HostSnapshot;
import dev.dockerdoctor.model.LastKnownGood;
import dev.dockerdoctor.model.MountPoint;
import dev.dockerdoctor.model.UnitFile;
import dev.dockerdoctor.parse.DaemonJsonParser;
import dev.dockerdoctor.parse.DockerdFlags;
import dev.dockerdoctor.parse.SystemdUnitParser;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** What differs between the last known good state and now, key by key. Pure. */
public final class ChangeDetector {
    public static final String EXEC_START = "docker.service ExecStart";
    public static final String DAEMON = "daemon";
    public static final String MOUNTS = "mounts";
    public static final String DROP_INS = "docker.service drop-ins";

    private ChangeDetector() {
    }

    public static List<Change> changes(HostSnapshot s) {
        LastKnownGood good = s.lastKnownGood();
        if (good == null) return List.of();
        List<Change> out = new ArrayList<>();
        daemonJson(good, s, out);
        execStart(good, s, out);
        Set<String> dropInsNow = new LinkedHashSet<>(s.config().units().stream()
                .filter(u -> u.kind() == UnitFile.Kind.DROP_IN).map(UnitFile::path).toList());
        for (String old : good.dropIns()) {
            if (!dropInsNow.contains(old)) out.add(new Change(DROP_INS, old, "present", null));
        }
        if (s.daemon().reachable()) {
            diff(out, DAEMON, "DockerRootDir", good.liveRoot(), s.daemon().dockerRootDir());
            diff(out, DAEMON, "Driver", good.storageDriver(), s.daemon().storageDriver());
            if (good.containers() != null && s.daemon().containers() != null && s.daemon().containers() < good.containers()) {
                diff(out, DAEMON, "Containers", good.containers().toString(), s.daemon().containers().toString());
            }
        }
        for (MountPoint m : good.mounts()) {
            boolean still = s.config().mounts().stream().anyMatch(now -> now.target().equals(m.target()));
            if (!still) out.add(new Change(MOUNTS, m.target(), m.source() + " (" + m.fsType() + ")", null));
        }
        return out;
    }

    private static void daemonJson(LastKnownGood good, HostSnapshot s, List<Change> out) {
        String file = s.config().daemonJsonPath();
        Map<String, Object> before = good.daemonJsonText() == null ? Map.of() : DaemonJsonParser.parse(good.daemonJsonText()).keys();
        Map<String, Object> now = s.config().daemonJson();
        Set<String> keys = new LinkedHashSet<>(before.keySet());
        keys.addAll(now.keySet());
        for (String k : keys) diff(out, file, k, str(before.get(k)), str(now.get(k)));
    }

    private static void execStart(LastKnownGood good, HostSnapshot s, List<Change> out) {
        List<String> before = SystemdUnitParser.argv(good.effectiveExecStart());
        List<String> now = SystemdUnitParser.argv(s.config().effectiveExecStart());
        flag(out, before, now, DockerdFlags::dataRoot, "--data-root");
        flag(out, before, now, DockerdFlags::storageDriver, "--storage-driver");
    }

    private static void flag(List<Change> out, List<String> before, List<String> now,
                             Function<List<String>, Optional<DockerdFlags.Flag>> f, String name) {
        diff(out, EXEC_START, name, f.apply(before).map(DockerdFlags.Flag::value).orElse(null),
                f.apply(now).map(DockerdFlags.Flag::value).orElse(null));
    }

    private static void diff(List<Change> out, String source, String key, String old, String now) {
        if (!Objects.equals(old, now)) out.add(new Change(source, key, old, now));
    }

    private static String str(Object v) {
        return v == null ? null : v.toString();
    }

    /** The change of one key of one source, if any. */
    public static Optional<Change> find(List<Change> changes, String source, String key) {
        return changes.stream().filter(c -> c.source().equals(source) && c.key().equals(key)).findFirst();
    }
}
