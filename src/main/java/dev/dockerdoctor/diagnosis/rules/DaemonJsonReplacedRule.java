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
import dev.dockerdoctor.parse.DaemonJsonParser;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code daemon-json-replaced}: daemon.json lost keys it had (another package replaced or deleted it, moby/moby#47766,
 * NVIDIA/nvidia-docker#504). Known from the last known good state, or from the old copy dpkg/ucf/rpm left beside it.
 */
public final class DaemonJsonReplacedRule implements Rule {
    public static final String ID = "daemon-json-replaced";

    @Override
    public String id() { return ID; }

    @Override
    public Set<FindingTrait> traits() {
        return EnumSet.of(FindingTrait.DISQUALIFIES_LAST_KNOWN_GOOD, FindingTrait.ROOT_VIEW);
    }

    @Override
    public List<Finding> check(HostSnapshot s, Facts facts) {
        String file = s.config().daemonJsonPath();
        List<Evidence> ev = new ArrayList<>();
        List<String> lost = new ArrayList<>();
        String before = null;
        if (s.lastKnownGood() != null && s.lastKnownGood().daemonJsonText() != null) {
            for (Change c : ChangeDetector.changes(s)) {
                if (c.source().equals(file) && c.oldValue() != null && !Objects.equals(c.oldValue(), c.newValue())) {
                    lost.add(c.key());
                    ev.add(new Evidence("last known good", c.key() + " was " + c.oldValue() + ", now "
                            + (c.newValue() == null ? "absent" : c.newValue())));
                }
            }
            before = "the last known good state";
        }
        if (lost.isEmpty()) {
            for (Map.Entry<String, String> backup : s.config().daemonJsonBackups().entrySet()) {
                Map<String, Object> old = DaemonJsonParser.parse(backup.getValue()).keys();
                for (Map.Entry<String, Object> k : old.entrySet()) {
                    Object now = s.config().daemonJson().get(k.getKey());
                    if (!Objects.equals(k.getValue(), now) && (k.getKey().equals("data-root") || k.getKey().equals("graph")
                            || k.getKey().equals("storage-driver") || now == null)) {
                        lost.add(k.getKey());
                        ev.add(new Evidence(backup.getKey(), k.getKey() + " = " + k.getValue() + " (now "
                                + (now == null ? "absent" : now) + ")"));
                    }
                }
                if (!lost.isEmpty()) {
                    before = backup.getKey();
                    break;
                }
            }
        }
        if (lost.isEmpty()) return List.of();
        boolean deleted = s.config().daemonJsonText() == null;
        String title = file + (deleted ? " was deleted" : " was replaced") + ": " + String.join(", ", lost)
                + (lost.size() == 1 ? " is" : " are") + " gone";
        String detail = "Compared with " + before + ", " + file + (deleted ? " no longer exists" : " lost or changed")
                + " " + String.join(", ", lost) + ". A package upgrade that ships its own daemon.json is the usual cause."
                + (lost.contains("data-root") ? " Without data-root Docker falls back to " + s.config().install().defaultRoot() + "." : "");
        boolean rootLost = lost.contains("data-root") || lost.contains("graph");
        return List.of(new Finding(ID, Severity.WARNING, title, detail, ev,
                rootLost ? List.of(StepFamily.RESTORE_DATA_ROOT.id()) : List.of()));
    }
}
