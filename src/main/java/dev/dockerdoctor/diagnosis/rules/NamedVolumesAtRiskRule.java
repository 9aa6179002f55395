package dev.dockerdoctor.diagnosis.rules;

import dev.dockerdoctor.diagnosis.facts.DataRoots;
import dev.dockerdoctor.diagnosis.facts.Facts;
import dev.dockerdoctor.model.ComposeProject;
import dev.dockerdoctor.model.ComposeService;
import dev.dockerdoctor.model.DataRoot;
import dev.dockerdoctor.model.Evidence;
import dev.dockerdoctor.model.Finding;
import dev.dockerdoctor.model.HostSnapshot;
import dev.dockerdoctor.model.ServiceState;
import dev.dockerdoctor.model.Severity;
import dev.dockerdoctor.model.StepFamily;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@code named-volumes-at-risk}: a project with named volumes whose containers are gone while the daemon runs on the
 * wrong root (drifted, or an empty folder where a disk should be mounted). {@code compose up} now would create new,
 * empty volumes with the same names: a brand-new, empty GitLab, with the real data still sitting on the other root.
 */
public final class NamedVolumesAtRiskRule implements Rule {
    public static final String ID = "named-volumes-at-risk";

    @Override
    public String id() { return ID; }

    @Override
    public Set<FindingTrait> traits() { return EnumSet.of(FindingTrait.COMPOSE_VIEW); }

    @Override
    public List<Finding> check(HostSnapshot s, Facts facts) {
        if (!s.daemon().reachable() || !facts.liveRootElsewhere()) return List.of();
        String live = DataRoots.liveRoot(s).orElse("?");
        List<Finding> out = new ArrayList<>();
        for (ComposeProject p : s.compose()) {
            if (p.namedVolumes().isEmpty()) continue;
            List<ComposeService> gone = p.services().stream()
                    .filter(svc -> svc.state() == ServiceState.MISSING)
                    .filter(svc -> svc.volumes().stream().anyMatch(v -> v.isNamed()))
                    .toList();
            if (gone.isEmpty()) continue;
            List<Evidence> ev = new ArrayList<>();
            ev.add(new Evidence(p.files().isEmpty() ? p.workingDir() : p.files().get(0),
                    "named volumes " + String.join(", ", p.namedVolumes()) + " used by "
                            + String.join(", ", gone.stream().map(ComposeService::name).toList())));
            ev.add(new Evidence("daemon", "DockerRootDir=" + live + ": no container of " + p.name() + " there"));
            String holder = null;
            for (DataRoot r : s.dataRoots()) {
                if (!r.active() && r.composeProjects().contains(p.name())) {
                    holder = r.path();
                    ev.add(new Evidence(r.path(), "holds containers of " + p.name() + " and " + r.volumes() + " volumes"));
                }
            }
            String title = p.name() + ": `compose up` now would create empty volumes " + String.join(", ", p.namedVolumes());
            String detail = "Docker runs on " + live + ", which is not where " + p.name() + "'s data is"
                    + (holder == null ? "" : " (its containers are in " + holder + ")") + ". Its named volumes "
                    + String.join(", ", p.namedVolumes()) + " do not exist on this root, so `compose up` would create"
                    + " them new and empty and the service would start as if freshly installed. Put the data root back"
                    + " first; the volumes come back with it.";
            out.add(new Finding(ID, Severity.WARNING, title, detail, ev, List.of(StepFamily.RESTORE_DATA_ROOT.id())));
        }
        return out;
    }
}
