package dev.dockerdoctor.diagnosis.facts;

import dev.dockerdoctor.model.DataRoot;
import dev.dockerdoctor.model.HostSnapshot;

import dev.dockerdoctor.parse.DockerdFlags;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Questions several rules and the planner ask about the data roots of a snapshot. */
public final class DataRoots {
    private DataRoots() {
    }

    /** The live root's path, from the daemon, when it answers. */
    public static Optional<String> liveRoot(HostSnapshot s) {
        return s.daemon().reachable() ? Optional.ofNullable(s.daemon().dockerRootDir()) : Optional.empty();
    }

    /** The root on disk, other than the live one, that holds the most containers (at least one). */
    public static Optional<DataRoot> richestOrphan(HostSnapshot s) {
        String live = liveRoot(s).orElse(null);
        List<String> others = otherDaemonsRoots(s);
        return s.dataRoots().stream()
                .filter(r -> !r.active() && !Paths2.same(r.path(), live))
                .filter(r -> others.stream().noneMatch(o -> Paths2.same(o, r.path())))
                .filter(r -> r.containers() > 0)
                .max(Comparator.comparingInt(DataRoot::containers).thenComparingInt(DataRoot::images));
    }

    /** Roots that other dockerd processes on this host are using right now: in use, not orphaned. */
    public static List<String> otherDaemonsRoots(HostSnapshot s) {
        return s.config().processes().stream().filter(p -> !p.isTarget())
                .flatMap(p -> DockerdFlags.dataRoot(p.argv()).stream())
                .map(DockerdFlags.Flag::value).toList();
    }

    /** Containers in the live root: the daemon's own count when it answers. */
    public static int liveContainers(HostSnapshot s) {
        Integer n = s.daemon().containers();
        return n == null ? 0 : n;
    }

    public static Optional<DataRoot> find(HostSnapshot s, String path) {
        return s.dataRoots().stream().filter(r -> Paths2.same(r.path(), path)).findFirst();
    }
}
