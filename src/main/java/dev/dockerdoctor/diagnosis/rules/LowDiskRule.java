package dev.dockerdoctor.diagnosis.rules;

import dev.dockerdoctor.diagnosis.facts.Bytes;
import dev.dockerdoctor.diagnosis.facts.DataRoots;
import dev.dockerdoctor.diagnosis.facts.Facts;
import dev.dockerdoctor.diagnosis.facts.Paths2;
import dev.dockerdoctor.model.DataRoot;
import dev.dockerdoctor.model.Evidence;
import dev.dockerdoctor.model.Finding;
import dev.dockerdoctor.model.HostSnapshot;
import dev.dockerdoctor.model.Severity;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code low-disk}: the filesystem the plan would put Docker back on has under 10% or 5 GiB free. (The live root's
 * own filesystem filling up is {@code docker-disk-pressure}.)
 */
public final class LowDiskRule implements Rule {
    public static final String ID = "low-disk";
    static final long MIN_FREE_BYTES = 5L * 1024 * 1024 * 1024;

    @Override
    public String id() { return ID; }

    @Override
    public Set<FindingTrait> traits() { return EnumSet.of(FindingTrait.ROOT_VIEW); }

    public static boolean isLow(Long free, Long total) {
        if (free == null) return false;
        boolean underFraction = total != null && total > 0 && free * 10 < total;
        return underFraction || free < MIN_FREE_BYTES;
    }

    @Override
    public List<Finding> check(HostSnapshot s, Facts facts) {
        Optional<String> target = facts.restoreTarget();
        if (target.isEmpty() || DataRoots.liveRoot(s).filter(l -> Paths2.same(l, target.get())).isPresent()) return List.of();
        Optional<DataRoot> root = DataRoots.find(s, target.get());
        if (root.isEmpty() || !isLow(root.get().freeBytes(), root.get().totalBytes())) return List.of();
        DataRoot r = root.get();
        String free = Bytes.human(r.freeBytes()) + " free of " + Bytes.human(r.totalBytes());
        return List.of(new Finding(ID, Severity.WARNING, "Little space left where Docker's data would go back: " + free,
                "The filesystem holding " + r.path() + " has " + free + ". Docker will run there again after the"
                        + " restore; free some space soon (old images, logs) so containers can write.",
                List.of(new Evidence(r.path(), free)), List.of()));
    }
}
