package dev.dockerdoctor.diagnosis;

import dev.dockerdoctor.diagnosis.facts.Paths2;
import dev.dockerdoctor.diagnosis.rules.FindingTrait;
import dev.dockerdoctor.diagnosis.rules.Rules;
import dev.dockerdoctor.model.Diagnosis;
import dev.dockerdoctor.model.HostSnapshot;
import dev.dockerdoctor.model.LastKnownGood;
import dev.dockerdoctor.model.MountPoint;
import dev.dockerdoctor.model.UnitFile;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** When a run counts as "known good", and what of it is worth remembering. Pure. */
public final class LastKnownGoods {
    /** Findings that mean the root or the daemon is not right: such a run must not become the reference. */
    static final Set<String> DISQUALIFYING = Rules.idsWith(FindingTrait.DISQUALIFIES_LAST_KNOWN_GOOD);

    private LastKnownGoods() {
    }

    /**
     * A run whose daemon answers, whose live root holds the containers and agrees with the configuration. Advice
     * (live-restore, vendor unit, low disk) does not count against it.
     */
    public static Optional<LastKnownGood> capture(Diagnosis d) {
        HostSnapshot s = d.snapshot();
        if (!s.daemon().reachable() || d.findings().stream().anyMatch(f -> DISQUALIFYING.contains(f.id()))) {
            return Optional.empty();
        }
        String live = s.daemon().dockerRootDir();
        List<MountPoint> mounts = s.config().mounts().stream()
                .filter(m -> !m.target().equals("/") && Paths2.isUnder(live, m.target())).toList();
        List<String> dropIns = s.config().units().stream().filter(u -> u.kind() == UnitFile.Kind.DROP_IN)
                .map(UnitFile::path).toList();
        return Optional.of(new LastKnownGood(s.takenAt(), s.config().daemonJsonText(), s.config().effectiveExecStart(),
                dropIns, live, s.daemon().storageDriver(), s.daemon().containers(), s.daemon().images(), mounts));
    }
}
