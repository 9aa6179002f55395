package dev.dockerdoctor.diagnosis.rules;

import dev.dockerdoctor.diagnosis.facts.DataRoots;
import dev.dockerdoctor.diagnosis.facts.Facts;
import dev.dockerdoctor.diagnosis.facts.Paths2;
import dev.dockerdoctor.model.DataRoot;
import dev.dockerdoctor.model.Evidence;
import dev.dockerdoctor.model.Finding;
import dev.dockerdoctor.model.HostSnapshot;
import dev.dockerdoctor.model.RootSetting;
import dev.dockerdoctor.model.Severity;
import dev.dockerdoctor.model.StepFamily;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code data-root-drift}: the daemon runs on a root that is empty (or nearly) while another root on disk holds the
 * containers, or on a root other than the one the configuration names. This is the story's outage.
 */
public final class DataRootDriftRule implements Rule {
    public static final String ID = "data-root-drift";

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
        Optional<String> live = DataRoots.liveRoot(s);
        // an unmounted disk explains an empty root better, and its fix differs: leave it to that rule
        if (live.isEmpty() || facts.unmountedDisk().isPresent()) return List.of();
        int liveCount = DataRoots.liveContainers(s);
        Optional<DataRoot> orphan = DataRoots.richestOrphan(s);
        boolean emptied = orphan.isPresent() && (liveCount == 0 || liveCount * 10 < orphan.get().containers());
        Optional<String> configured = s.config().configuredRoot();
        boolean disagrees = configured.isPresent() && !Paths2.same(configured.get(), live.get());
        if (!emptied && !disagrees) return List.of();

        List<Evidence> ev = new ArrayList<>();
        ev.add(new Evidence("daemon", "DockerRootDir=" + live.get() + ", " + liveCount + " containers, "
                + s.daemon().images() + " images, storage driver " + s.daemon().storageDriver()));
        orphan.ifPresent(r -> ev.add(new Evidence(r.path(), describe(r))));
        for (RootSetting rs : s.config().rootSettings()) {
            ev.add(new Evidence(rs.file(), rs.key() + " = " + rs.value() + (rs.effective() ? "" : " (not honoured)")));
        }
        if (s.config().rootSettings().isEmpty()) {
            ev.add(new Evidence("configuration", "no data-root in daemon.json, no --data-root in the docker.service units:"
                    + " dockerd uses the default " + s.config().install().defaultRoot()));
        }

        String title;
        String detail;
        if (emptied) {
            DataRoot o = orphan.get();
            title = "Docker runs on " + live.get() + " (" + liveCount + (liveCount == 1 ? " container" : " containers")
                    + ") but " + o.containers() + (o.containers() == 1 ? " container is in " : " containers are in ") + o.path();
            detail = "The daemon came up on another data root, so every container, image and volume in " + o.path()
                    + " looks gone. The data is still on disk. Point Docker back at " + o.path()
                    + " and restart it before anything else; do not run `docker compose up` now, it would create "
                    + "new, empty volumes on " + live.get() + ".";
        } else {
            title = "Docker runs on " + live.get() + " but its configuration names " + configured.get();
            detail = "The running daemon does not use the data root its configuration names, so the next restart"
                    + " will move it. Restart Docker so that it uses " + configured.get() + ", or fix the configuration.";
        }
        return List.of(new Finding(ID, Severity.CRITICAL, title, detail, ev, List.of(StepFamily.RESTORE_DATA_ROOT.id())));
    }

    static String describe(DataRoot r) {
        String projects = r.composeProjects().isEmpty() ? "" : " (compose projects: " + String.join(", ", r.composeProjects()) + ")";
        return "holds " + r.containers() + " containers" + projects + ", " + r.images() + " images, " + r.volumes() + " volumes";
    }
}
