package dev.dockerdoctor.diagnosis.rules;

import dev.dockerdoctor.diagnosis.facts.Bytes;
import dev.dockerdoctor.diagnosis.facts.DataRoots;
import dev.dockerdoctor.diagnosis.facts.Facts;
import dev.dockerdoctor.model.DataRoot;
import dev.dockerdoctor.model.DiskUsage;
import dev.dockerdoctor.model.Evidence;
import dev.dockerdoctor.model.Finding;
import dev.dockerdoctor.model.HostSnapshot;
import dev.dockerdoctor.model.Severity;
import dev.dockerdoctor.model.StepFamily;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code docker-disk-pressure}: the filesystem of the live data root has under 10% or 5 GiB free (the
 * {@link LowDiskRule#isLow} line), with what Docker itself could reclaim according to its own accounting
 * ({@code /system/df}), largest first, and a {@code prune-docker:<what>} step for each. Volumes are listed for
 * information and never pruned: they are the data.
 */
public final class DockerDiskPressureRule implements Rule {
    public static final String ID = "docker-disk-pressure";
    static final int ITEMS_SHOWN = 5;

    @Override
    public String id() { return ID; }

    @Override
    public Set<FindingTrait> traits() { return EnumSet.of(FindingTrait.ROOT_VIEW); }

    @Override
    public List<Finding> check(HostSnapshot s, Facts facts) {
        Optional<DataRoot> live = liveRoot(s);
        if (live.isEmpty() || !LowDiskRule.isLow(live.get().freeBytes(), live.get().totalBytes())) return List.of();
        DataRoot r = live.get();
        String free = Bytes.human(r.freeBytes()) + " free of " + Bytes.human(r.totalBytes()) + percent(r);
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(new Evidence(r.path(), "filesystem of the live data root: " + free));
        List<String> steps = new ArrayList<>();
        DiskUsage du = s.diskUsage();
        String reclaim;
        if (du == null) {
            evidence.add(new Evidence("/system/df", "the daemon's disk accounting was not available"));
            reclaim = "The daemon did not say what it could reclaim.";
        } else {
            long total = 0;
            for (DiskUsage.Category c : du.prunable()) {
                evidence.add(new Evidence("/system/df", describe(c)));
                if (c.reclaimableBytes() > 0) {
                    steps.add(StepFamily.PRUNE_DOCKER.with(c.what()));
                    total += c.reclaimableBytes();
                }
            }
            DiskUsage.Category v = du.volumes();
            evidence.add(new Evidence("/system/df", "volumes: " + v.count() + ", " + Bytes.human(v.bytes())
                    + (v.reclaimableCount() > 0 ? " (" + v.reclaimableCount() + " not used by any container, "
                    + Bytes.human(v.reclaimableBytes()) + ")" : "") + "; they hold data and are never pruned"));
            reclaim = total > 0 ? "Docker could free about " + Bytes.human(total) + " without touching data: "
                    + String.join(", ", du.prunable().stream().filter(c -> c.reclaimableBytes() > 0)
                    .map(c -> label(c) + " " + Bytes.human(c.reclaimableBytes())).toList()) + "."
                    : "Docker itself has little to reclaim: the space is used by running containers, images in use,"
                    + " volumes or files outside Docker.";
        }
        String detail = "The filesystem holding Docker's data root " + r.path() + " has " + free + ". When it is full,"
                + " containers fail to write, databases stop and image pulls fail. " + reclaim
                + " Volumes are never pruned: they hold the services' data.";
        return List.of(new Finding(ID, Severity.WARNING, "Docker's disk is filling up: " + free, detail, evidence, steps));
    }

    static Optional<DataRoot> liveRoot(HostSnapshot s) {
        Optional<DataRoot> active = s.activeRoot();
        if (active.isPresent()) return active;
        return DataRoots.liveRoot(s).flatMap(p -> DataRoots.find(s, p));
    }

    static String label(DiskUsage.Category c) {
        return switch (c.what()) {
            case DiskUsage.IMAGES -> "dangling images";
            case DiskUsage.CONTAINERS -> "stopped containers";
            case DiskUsage.BUILD_CACHE -> "unused build cache";
            default -> c.what();
        };
    }

    static String describe(DiskUsage.Category c) {
        List<String> items = c.reclaimable().stream().limit(ITEMS_SHOWN)
                .map(i -> i.name() + " " + Bytes.human(i.bytes())).toList();
        int more = c.reclaimable().size() - items.size();
        return label(c) + ": " + c.reclaimableCount() + ", " + Bytes.human(c.reclaimableBytes()) + " reclaimable"
                + (items.isEmpty() ? "" : " (" + String.join(", ", items) + (more > 0 ? " and " + more + " more" : "") + ")");
    }

    private static String percent(DataRoot r) {
        if (r.freeBytes() == null || r.totalBytes() == null || r.totalBytes() <= 0) return "";
        return String.format(Locale.ROOT, " (%.0f%%)", 100.0 * r.freeBytes() / r.totalBytes());
    }
}
