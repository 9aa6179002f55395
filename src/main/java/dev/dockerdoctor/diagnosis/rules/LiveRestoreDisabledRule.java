package dev.dockerdoctor.diagnosis.rules;

import dev.dockerdoctor.diagnosis.facts.Facts;
import dev.dockerdoctor.model.Evidence;
import dev.dockerdoctor.model.Finding;
import dev.dockerdoctor.model.HostSnapshot;
import dev.dockerdoctor.model.Severity;
import dev.dockerdoctor.model.StepFamily;

import java.util.List;

/**
 * {@code live-restore-disabled} (advice): without live-restore every container stops whenever dockerd or containerd
 * restarts, for instance during an unattended upgrade.
 */
public final class LiveRestoreDisabledRule implements Rule {
    public static final String ID = "live-restore-disabled";

    @Override
    public String id() { return ID; }

    @Override
    public List<Finding> check(HostSnapshot s, Facts facts) {
        if (!s.daemon().reachable() || !Boolean.FALSE.equals(s.daemon().liveRestoreEnabled())) return List.of();
        return List.of(new Finding(ID, Severity.INFO, "Containers stop whenever Docker restarts (live-restore is off)",
                "With \"live-restore\": true in daemon.json, running containers survive a restart of dockerd or"
                        + " containerd, such as the one a package upgrade does. Trade-off: it does not work with Swarm"
                        + " mode, and a daemon upgrade across major versions may still restart containers.",
                List.of(new Evidence("daemon", "LiveRestoreEnabled=false")), List.of(StepFamily.ENABLE_LIVE_RESTORE.id())));
    }
}
