package dev.dockerdoctor.diagnosis.facts;

import dev.dockerdoctor.model.ComposeProject;
import dev.dockerdoctor.model.ComposeService;
import dev.dockerdoctor.model.HostSnapshot;
import dev.dockerdoctor.model.ServiceState;

import java.util.List;

/** Questions the compose rules and the compose-up step share. Pure. */
public final class ComposeFacts {
    private ComposeFacts() {
    }

    /**
     * Services that should run and do not. A one-shot job (another service waits for it with
     * {@code service_completed_successfully}) is expected to have exited, so it does not count.
     */
    public static List<ComposeService> down(ComposeProject p) {
        return p.services().stream().filter(ComposeService::isDown).filter(s -> !isOneShot(p, s)).toList();
    }

    public static boolean isOneShot(ComposeProject p, ComposeService s) {
        return s.state() == ServiceState.STOPPED
                && p.services().stream().anyMatch(o -> o.completedDependencies().contains(s.name()));
    }

    /** Services that compose up would start: everything not behind a disabled profile. */
    public static List<ComposeService> startable(ComposeProject p) {
        return p.services().stream().filter(s -> s.state() != ServiceState.INACTIVE).toList();
    }

    /** A compose file of the project that compose would refuse, or that is missing. */
    public static boolean hasProblemFile(HostSnapshot s, ComposeProject p) {
        return s.composeProblems().stream().anyMatch(pr -> p.files().stream().anyMatch(f -> Paths2.same(f, pr.file()))
                || Paths2.same(pr.file(), p.workingDir() == null ? null : p.workingDir() + "/.env"));
    }

    /** Bind sources missing for services compose up would start. */
    public static boolean hasMissingBind(ComposeProject p) {
        return startable(p).stream().anyMatch(svc -> svc.volumes().stream().anyMatch(v -> v.isMissingBind()));
    }

    public static String serviceList(List<ComposeService> services) {
        return String.join(", ", services.stream().map(x -> x.name() + " " + (x.state() == null ? "?" : x.state().wire())).toList());
    }
}
