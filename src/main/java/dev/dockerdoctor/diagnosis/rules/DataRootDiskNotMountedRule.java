package dev.dockerdoctor.diagnosis.rules;

import dev.dockerdoctor.diagnosis.facts.DataRoots;
import dev.dockerdoctor.diagnosis.facts.Facts;
import dev.dockerdoctor.model.Evidence;
import dev.dockerdoctor.model.Finding;
import dev.dockerdoctor.model.HostSnapshot;
import dev.dockerdoctor.model.MountPoint;
import dev.dockerdoctor.model.Severity;
import dev.dockerdoctor.model.StepFamily;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@code data-root-disk-not-mounted}: the data root lives on a folder that /etc/fstab (or a .mount unit) says is a
 * mount point, but nothing is mounted there now. dockerd then made a fresh, empty root in that folder on the system
 * disk. The fix is to mount the disk and restart Docker; never `compose up` on the empty folder.
 */
public final class DataRootDiskNotMountedRule implements Rule {
    public static final String ID = "data-root-disk-not-mounted";

    @Override
    public String id() { return ID; }

    @Override
    public Set<FindingTrait> traits() {
        return EnumSet.of(FindingTrait.ROOT_NOT_RIGHT,
                FindingTrait.LIVE_ROOT_ELSEWHERE,
                FindingTrait.DISQUALIFIES_LAST_KNOWN_GOOD, FindingTrait.ROOT_VIEW);
    }

    @Override
    public List<Finding> check(HostSnapshot s, Facts facts) {
        if (s.config().mounts().isEmpty()) return List.of(); // mount table unknown: say nothing rather than guess
        return facts.unmountedDisk().map(m -> finding(s, m)).map(List::of).orElse(List.of());
    }

    private static Finding finding(HostSnapshot s, MountPoint disk) {
        List<Evidence> ev = new ArrayList<>();
        ev.add(new Evidence("/etc/fstab", disk.source() + " " + disk.target() + " " + disk.fsType()));
        ev.add(new Evidence("mounts", "nothing is mounted on " + disk.target() + " now"));
        DataRoots.liveRoot(s).ifPresent(l -> ev.add(new Evidence("daemon", "DockerRootDir=" + l + ", "
                + DataRoots.liveContainers(s) + " containers")));
        String detail = "Docker's data root is on " + disk.target() + " (" + disk.source() + "), which is not mounted."
                + " dockerd started anyway and made a new, empty root in the folder on the system disk, so every"
                + " container seems gone. Mount the disk, then restart Docker. Do not run `docker compose up` before:"
                + " it would create empty volumes on the system disk.";
        return new Finding(ID, Severity.CRITICAL, "The disk holding Docker's data (" + disk.target() + ") is not mounted",
                detail, ev, List.of(StepFamily.MOUNT_DATA_ROOT_DISK.id()));
    }
}
