package dev.dockerdoctor.evidence;

import dev.dockerdoctor.model.ComposeLabels;
import dev.dockerdoctor.model.ComposeProject;
import dev.dockerdoctor.model.ComposeService;
import dev.dockerdoctor.model.ContainerInfo;
import dev.dockerdoctor.model.DaemonState;
import dev.dockerdoctor.model.ServiceState;
import dev.dockerdoctor.parse.compose.PosixPaths;

import java.util.ArrayList;
import java.util.List;

/**
 * Holds a project against the daemon by compose's own labels (project and service), so containers named the v1 way
 * ({@code proj_svc_1}) and the v2 way ({@code proj-svc-1}) are both found, and renamed ones too. Pure.
 */
public final class ComposeStates {
    private ComposeStates() {
    }

    /**
     * Each service running (a container of it runs), stopped (it has containers, none running), inactive (none, and
     * it sits behind a profile that is not enabled) or missing. When the daemon does not answer states stay null.
     */
    public static ComposeProject apply(ComposeProject p, DaemonState daemon) {
        if (!daemon.reachable()) return p;
        List<ContainerInfo> mine = containersOf(p, daemon.containerList());
        List<ComposeService> out = new ArrayList<>();
        for (ComposeService s : p.services()) {
            List<ContainerInfo> cs = mine.stream().filter(c -> s.name().equals(c.composeService())).toList();
            ServiceState state;
            if (cs.stream().anyMatch(c -> "running".equals(c.state()))) state = ServiceState.RUNNING;
            else if (!cs.isEmpty()) state = ServiceState.STOPPED;
            else if (!s.profiles().isEmpty() && s.profiles().stream().noneMatch(p.activeProfiles()::contains)) state = ServiceState.INACTIVE;
            else state = ServiceState.MISSING;
            out.add(s.withState(state));
        }
        return p.withServices(out);
    }

    /**
     * The project's containers: those labelled with its name; failing that, those whose working_dir label is its
     * folder (a project started under another name, or by an old v1 that stripped dashes from names).
     */
    static List<ContainerInfo> containersOf(ComposeProject p, List<ContainerInfo> all) {
        List<ContainerInfo> byName = all.stream().filter(c -> p.name().equals(c.composeProject())).toList();
        if (!byName.isEmpty() || p.workingDir() == null) return byName;
        String dir = PosixPaths.normalize(p.workingDir());
        List<ContainerInfo> inDir = all.stream().filter(c -> {
            String wd = c.labels().get(ComposeLabels.WORKING_DIR);
            return wd != null && c.composeProject() != null && PosixPaths.normalize(wd).equals(dir);
        }).toList();
        // two projects run from one folder under different names: we cannot tell which is this one
        long names = inDir.stream().map(ContainerInfo::composeProject).distinct().count();
        return names == 1 ? inDir : List.of();
    }
}
