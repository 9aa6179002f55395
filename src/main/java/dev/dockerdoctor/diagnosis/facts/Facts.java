package dev.dockerdoctor.diagnosis.facts;

import dev.dockerdoctor.model.DataRoot;
import dev.dockerdoctor.model.HostSnapshot;
import dev.dockerdoctor.model.MountPoint;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The questions several rules, the planner and the views share, answered once per snapshot before the rules that
 * need them run: which root Docker should be on, the driver the images were made with, the disk that is not mounted,
 * and (from the root rules, which run first; see {@code RootVerdict}) whether the root is right. Pure.
 */
public final class Facts {
    private final Optional<MountPoint> unmountedDisk;
    private final Optional<String> formerDriver;
    private final Optional<String> restoreTarget;
    /** Null while the root rules themselves run: they decide it. */
    private final Verdict verdict;

    private record Verdict(boolean rootNotRight, boolean liveRootElsewhere) {
    }

    private Facts(Optional<MountPoint> unmountedDisk, Optional<String> formerDriver, Optional<String> restoreTarget,
                  Verdict verdict) {
        this.unmountedDisk = unmountedDisk;
        this.formerDriver = formerDriver;
        this.restoreTarget = restoreTarget;
        this.verdict = verdict;
    }

    /** What the snapshot alone tells; the verdict on the root is not known yet. */
    public static Facts of(HostSnapshot s) {
        return new Facts(findUnmountedDisk(s), findFormerDriver(s), findRestoreTarget(s), null);
    }

    /** These facts with the verdict on the root, as the root rules decided it. */
    public Facts withVerdict(boolean rootNotRight, boolean liveRootElsewhere) {
        return new Facts(unmountedDisk, formerDriver, restoreTarget, new Verdict(rootNotRight, liveRootElsewhere));
    }

    /** The mount point under which the data root should live, when it is not mounted. */
    public Optional<MountPoint> unmountedDisk() {
        return unmountedDisk;
    }

    /** The driver that holds the live root's images, when it is not the daemon's. */
    public Optional<String> formerDriver() {
        return formerDriver;
    }

    /**
     * The root the daemon should use: the orphan holding the containers, else what the configuration names, else
     * the root of the last known good state.
     */
    public Optional<String> restoreTarget() {
        return restoreTarget;
    }

    /** The root is not the one the data is on, or the daemon is stopped or silent: no service may be started yet. */
    public boolean rootNotRight() {
        return verdict().rootNotRight();
    }

    /** The live root is another folder than the one holding the data: compose up there would make fresh volumes. */
    public boolean liveRootElsewhere() {
        return verdict().liveRootElsewhere();
    }

    private Verdict verdict() {
        if (verdict == null) throw new IllegalStateException("the root rules decide the verdict; they cannot read it");
        return verdict;
    }

    private static Optional<MountPoint> findUnmountedDisk(HostSnapshot s) {
        for (String root : candidateRoots(s)) {
            Optional<MountPoint> expected = s.config().fstab().stream()
                    .filter(m -> !m.target().equals("/") && Paths2.isUnder(root, m.target()))
                    .max(Comparator.comparingInt(m -> m.target().length()));
            if (expected.isEmpty()) continue;
            boolean mounted = s.config().mounts().stream().anyMatch(m -> Paths2.same(m.target(), expected.get().target()));
            if (!mounted) return expected;
        }
        return Optional.empty();
    }

    private static Set<String> candidateRoots(HostSnapshot s) {
        Set<String> out = new LinkedHashSet<>();
        s.config().configuredRoot().ifPresent(out::add);
        s.config().rootSettings().forEach(r -> out.add(r.value()));
        if (s.lastKnownGood() != null && s.lastKnownGood().liveRoot() != null) out.add(s.lastKnownGood().liveRoot());
        DataRoots.liveRoot(s).ifPresent(out::add);
        return out;
    }

    private static Optional<String> findFormerDriver(HostSnapshot s) {
        if (!s.daemon().reachable() || s.daemon().storageDriver() == null) return Optional.empty();
        Optional<DataRoot> live = s.activeRoot();
        if (live.isEmpty()) return Optional.empty();
        Map<String, Integer> byDriver = live.get().imagesByDriver();
        int current = byDriver.getOrDefault(s.daemon().storageDriver(), 0);
        return byDriver.entrySet().stream()
                .filter(e -> !e.getKey().equals(s.daemon().storageDriver()))
                .filter(e -> e.getValue() > 0 && (current == 0 || current * 10 < e.getValue()))
                .max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey);
    }

    private static Optional<String> findRestoreTarget(HostSnapshot s) {
        Optional<DataRoot> orphan = DataRoots.richestOrphan(s);
        if (orphan.isPresent()) return Optional.of(orphan.get().path());
        Optional<String> configured = s.config().configuredRoot();
        if (configured.isPresent()) return configured;
        if (s.lastKnownGood() != null && s.lastKnownGood().liveRoot() != null
                && DataRoots.find(s, s.lastKnownGood().liveRoot()).isPresent()) {
            return Optional.of(s.lastKnownGood().liveRoot());
        }
        return Optional.empty();
    }
}
