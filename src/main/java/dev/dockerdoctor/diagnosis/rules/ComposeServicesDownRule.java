package dev.dockerdoctor.diagnosis.rules;

import dev.dockerdoctor.diagnosis.facts.ComposeFacts;
import dev.dockerdoctor.diagnosis.facts.Facts;
import dev.dockerdoctor.model.ComposeProject;
import dev.dockerdoctor.model.ComposeService;
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
 * {@code compose-services-down}: services of a compose project that should run are missing (no container) or
 * stopped. One finding per project; it asks for {@code compose-up:<project>}, which the planner offers only once the
 * data root is right.
 */
public final class ComposeServicesDownRule implements Rule {
    public static final String ID = "compose-services-down";

    @Override
    public String id() { return ID; }

    @Override
    public Set<FindingTrait> traits() { return EnumSet.of(FindingTrait.COMPOSE_VIEW); }

    @Override
    public List<Finding> check(HostSnapshot s, Facts facts) {
        if (!s.daemon().reachable()) return List.of(); // states are unknown; daemon-unreachable says why
        List<Finding> out = new ArrayList<>();
        boolean rootWrong = facts.rootNotRight();
        for (ComposeProject p : s.compose()) {
            List<ComposeService> down = ComposeFacts.down(p);
            if (down.isEmpty()) continue;
            long expected = ComposeFacts.startable(p).size();
            List<Evidence> ev = new ArrayList<>();
            for (ComposeService svc : down) {
                ev.add(new Evidence(p.files().isEmpty() ? p.workingDir() : p.files().get(0), "service " + svc.name()
                        + (svc.image() == null ? "" : " (" + svc.image() + ")") + ": "
                        + (svc.state() == ServiceState.MISSING ? "no container on the daemon" : "container exists but is not running")));
            }
            String title = p.name() + ": " + down.size() + " of " + expected + " services down ("
                    + ComposeFacts.serviceList(down) + ")";
            StringBuilder detail = new StringBuilder("Compose project " + p.name() + " in " + p.workingDir()
                    + " declares services that are not running on the daemon.");
            if (rootWrong) {
                detail.append(" Docker's data root is not right yet: put it back first; then see what is still down."
                        + " Do not run `compose up` before, it would create empty volumes on the wrong root.");
            } else if (ComposeFacts.hasProblemFile(s, p)) {
                detail.append(" Its compose file has a problem (see compose-file-invalid), so compose cannot start it as it is.");
            } else if (ComposeFacts.hasMissingBind(p)) {
                detail.append(" Some of its bind-mount sources are missing (see bind-mount-source-missing): bring them back"
                        + " before starting it, or it would start on empty folders.");
            } else {
                detail.append(" `compose up` starts what is missing and leaves what runs alone.");
            }
            out.add(new Finding(ID, Severity.WARNING, title, detail.toString(), ev, List.of(StepFamily.COMPOSE_UP.with(p.name()))));
        }
        return out;
    }
}
