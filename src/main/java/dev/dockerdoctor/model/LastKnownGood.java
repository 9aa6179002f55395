package dev.dockerdoctor.model;

import java.time.Instant;
import java.util.List;

/**
 * What a healthy run saw, kept in the state folder so that a later broken run can say what changed.
 */
public record LastKnownGood(Instant recordedAt, String daemonJsonText, String effectiveExecStart,
                            List<String> dropIns, String liveRoot, String storageDriver, Integer containers,
                            Integer images, List<MountPoint> mounts) {
    public LastKnownGood {
        dropIns = dropIns == null ? List.of() : List.copyOf(dropIns);
        mounts = mounts == null ? List.of() : List.copyOf(mounts);
    }
}
