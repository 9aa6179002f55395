package dev.dockerdoctor.diagnosis.rules;

import dev.dockerdoctor.diagnosis.facts.ChangeDetector;
import dev.dockerdoctor.diagnosis.facts.DataRoots;
import dev.dockerdoctor.diagnosis.facts.Facts;
import dev.dockerdoctor.model.Change;
import dev.dockerdoctor.model.Evidence;
import dev.dockerdoctor.model.Finding;
import dev.dockerdoctor.model.HostSnapshot;
import dev.dockerdoctor.model.Severity;
import dev.dockerdoctor.model.StepFamily;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code data-root-flag-lost}: the unit's {@code --data-root} flag that the last known good state had is gone, because
 * an upgrade replaced the vendor unit it was hand-edited into: the story itself. The fix puts the root in daemon.json,
 * where upgrades leave it alone.
 */
public final class DataRootFlagLostRule implements Rule {
    public static final String ID = "data-root-flag-lost";

    @Override
    public String id() { return ID; }

    @Override
    public Set<FindingTrait> traits() {
        return EnumSet.of(FindingTrait.DISQUALIFIES_LAST_KNOWN_GOOD, FindingTrait.ROOT_VIEW);
    }

    @Override
    public List<Finding> check(HostSnapshot s, Facts facts) {
        if (s.lastKnownGood() == null) return List.of();
        Optional<Change> c = ChangeDetector.find(ChangeDetector.changes(s), ChangeDetector.EXEC_START, "--data-root");
        if (c.isEmpty() || c.get().oldValue() == null || c.get().newValue() != null) return List.of();
        String old = c.get().oldValue();
        String detail = "The last known good docker.service ran dockerd with --data-root " + old + "; the unit in force"
                + " now has no such flag, so Docker uses " + s.config().install().defaultRoot() + ". A package upgrade replaced the"
                + " hand-edited vendor unit. Set \"data-root\": \"" + old + "\" in " + s.config().daemonJsonPath()
                + " instead: upgrades do not overwrite it.";
        return List.of(new Finding(ID, Severity.WARNING, "The unit's --data-root " + old + " flag is gone", detail,
                List.of(new Evidence("last known good ExecStart", s.lastKnownGood().effectiveExecStart()),
                        new Evidence("docker.service ExecStart now", String.valueOf(s.config().effectiveExecStart()))),
                List.of(StepFamily.RESTORE_DATA_ROOT.id())));
    }
}
