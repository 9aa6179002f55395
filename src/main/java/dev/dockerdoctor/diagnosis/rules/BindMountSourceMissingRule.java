package dev.dockerdoctor.diagnosis.rules;

import dev.dockerdoctor.diagnosis.facts.ComposeFacts;
import dev.dockerdoctor.diagnosis.facts.Facts;
import dev.dockerdoctor.diagnosis.facts.Paths2;
import dev.dockerdoctor.model.ComposeProject;
import dev.dockerdoctor.model.ComposeService;
import dev.dockerdoctor.model.Evidence;
import dev.dockerdoctor.model.Finding;
import dev.dockerdoctor.model.HostSnapshot;
import dev.dockerdoctor.model.MountPoint;
import dev.dockerdoctor.model.Severity;
import dev.dockerdoctor.model.VolumeMount;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code bind-mount-source-missing}: a service compose would start binds a host folder that is not there. compose
 * up would create it as an empty folder and the service would start with no data (GitLab's /srv/gitlab on a disk
 * that did not mount is the classic). Names the folders, and an /etc/fstab mount point above them that is not mounted.
 */
public final class BindMountSourceMissingRule implements Rule {
    public static final String ID = "bind-mount-source-missing";

    @Override
    public String id() { return ID; }

    @Override
    public Set<FindingTrait> traits() { return EnumSet.of(FindingTrait.COMPOSE_VIEW); }

    @Override
    public List<Finding> check(HostSnapshot s, Facts facts) {
        List<Finding> out = new ArrayList<>();
        for (ComposeProject p : s.compose()) {
            List<Evidence> ev = new ArrayList<>();
            Set<String> sources = new LinkedHashSet<>();
            for (ComposeService svc : ComposeFacts.startable(p)) {
                for (VolumeMount v : svc.volumes()) {
                    if (!v.isMissingBind()) continue;
                    sources.add(v.source());
                    ev.add(new Evidence(p.files().isEmpty() ? p.workingDir() : p.files().get(0),
                            "service " + svc.name() + ": " + v.source() + " -> " + v.target() + " (source missing)"));
                }
            }
            if (sources.isEmpty()) continue;
            Set<String> unmounted = new LinkedHashSet<>();
            for (String src : sources) {
                for (MountPoint m : s.config().fstab()) {
                    boolean under = !m.target().equals("/") && Paths2.isUnder(src, m.target());
                    boolean mounted = s.config().mounts().stream().anyMatch(x -> Paths2.same(x.target(), m.target()));
                    if (under && !mounted && !s.config().mounts().isEmpty() && unmounted.add(m.target())) {
                        ev.add(new Evidence("/etc/fstab", m.source() + " " + m.target() + " " + m.fsType() + " is not mounted"));
                    }
                }
            }
            String list = String.join(", ", sources);
            String title = p.name() + ": " + (sources.size() == 1 ? "bind-mount source " + list + " is missing"
                    : sources.size() + " bind-mount sources are missing (" + list + ")");
            String detail = "compose up would create " + (sources.size() == 1 ? "it" : "them") + " as empty folders and "
                    + p.name() + " would start without its data."
                    + (unmounted.isEmpty() ? " Was a disk not mounted, or the data moved?"
                    : " " + String.join(", ", unmounted) + " should be mounted (/etc/fstab) and is not.")
                    + " compose-up is held back for this project until the sources are back.";
            out.add(new Finding(ID, Severity.WARNING, title, detail, ev, List.of()));
        }
        return out;
    }
}
