package dev.dockerdoctor.diagnosis.rules;

import dev.dockerdoctor.diagnosis.facts.Facts;
import dev.dockerdoctor.model.Evidence;
import dev.dockerdoctor.model.Finding;
import dev.dockerdoctor.model.HostSnapshot;
import dev.dockerdoctor.model.Install;
import dev.dockerdoctor.model.RootlessDaemon;
import dev.dockerdoctor.model.Severity;
import dev.dockerdoctor.model.StepFamily;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code rootless-docker-not-lingering}: a user's rootless Docker runs as a systemd user unit, and without lingering
 * systemd stops it when the user's last session ends and starts it again only at their next login, never at boot:
 * the containers of a rootless host are down from a logout or a reboot until someone logs in. Critical when that is
 * the daemon being watched and it does not answer (the host has no system Docker), a warning otherwise.
 */
public final class RootlessDockerNotLingeringRule implements Rule {
    public static final String ID = "rootless-docker-not-lingering";

    @Override
    public String id() { return ID; }

    @Override
    public List<Finding> check(HostSnapshot s, Facts facts) {
        boolean onlyRootless = s.config().units().isEmpty() && s.config().install() != Install.SNAP;
        List<Finding> out = new ArrayList<>();
        for (RootlessDaemon r : s.config().rootless()) {
            if (r.lingering()) continue;
            boolean down = onlyRootless && !s.daemon().reachable();
            String title = down
                    ? "Rootless Docker of " + r.user() + " is down: it stops with " + r.user() + "'s last session (lingering is off)"
                    : "Rootless Docker of " + r.user() + " stops when " + r.user() + " logs out (lingering is off)";
            String detail = r.user() + " runs Docker rootless (" + r.unit() + ", root " + r.dataRoot() + ", socket "
                    + r.socket() + "). Without lingering, systemd stops " + r.user() + "'s user units, Docker and its"
                    + " containers among them, when their last session ends, and starts them only at their next login,"
                    + " not at boot. `loginctl enable-linger " + r.user() + "` keeps them running from boot on.";
            out.add(new Finding(ID, down ? Severity.CRITICAL : Severity.WARNING, title, detail,
                    List.of(new Evidence("configuration", r.unit() + " exists (rootless Docker of uid " + r.uid() + ")"),
                            new Evidence("configuration", "no " + "/var/lib/systemd/linger/" + r.user() + ": lingering is off")),
                    List.of(StepFamily.ENABLE_LINGER.with(r.user()))));
        }
        return out;
    }
}
