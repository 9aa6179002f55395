package dev.dockerdoctor.diagnosis.rules;

import dev.dockerdoctor.diagnosis.facts.Facts;
import dev.dockerdoctor.model.DaemonState;
import dev.dockerdoctor.model.DataRoot;
import dev.dockerdoctor.model.Evidence;
import dev.dockerdoctor.model.Finding;
import dev.dockerdoctor.model.HostSnapshot;
import dev.dockerdoctor.model.Severity;
import dev.dockerdoctor.model.StepFamily;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@code daemon-unreachable}: the daemon at DOCKER_HOST does not answer. Critical where Docker is installed (that is
 * an outage); only information on a machine with no Docker at all (a laptop running {@code diagnose}).
 */
public final class DaemonUnreachableRule implements Rule {
    public static final String ID = "daemon-unreachable";

    @Override
    public String id() { return ID; }

    @Override
    public Set<FindingTrait> traits() {
        return EnumSet.of(FindingTrait.DISQUALIFIES_LAST_KNOWN_GOOD, FindingTrait.ROOT_VIEW);
    }

    @Override
    public List<Finding> check(HostSnapshot s, Facts facts) {
        if (s.daemon().reachable()) return List.of();
        boolean installed = s.config().dockerInstalled();
        List<Evidence> ev = new ArrayList<>();
        ev.add(new Evidence("daemon", s.daemon().error() == null ? "no answer" : s.daemon().error()));
        if (s.config().processes().isEmpty()) {
            ev.add(new Evidence("/proc", "no dockerd process is running"));
        } else {
            s.config().processes().forEach(p -> ev.add(new Evidence("/proc/" + p.pid() + "/cmdline", String.join(" ", p.argv()))));
        }
        for (DataRoot r : s.dataRoots()) {
            if (r.containers() > 0 || r.images() > 0) ev.add(new Evidence(r.path(), DataRootDriftRule.describe(r)));
        }
        if (!installed) {
            return List.of(new Finding(ID, Severity.INFO, "No Docker daemon here",
                    "Docker does not seem to be installed on this host (no dockerd, no docker.service, no /etc/docker),"
                            + " so there is nothing to diagnose beyond the files shown.", ev, List.of()));
        }
        boolean noProcess = s.config().processes().stream().noneMatch(p -> p.isTarget());
        boolean conflict = s.config().hasFlagAndFileConflict();
        List<String> steps = noProcess && !conflict ? List.of(StepFamily.START_DOCKER.id()) : List.of();
        String detail = noProcess
                ? "Docker is installed but its daemon is not running" + (conflict ? " (and it cannot start: see data-root-conflict)." : ".")
                + " Nothing on this host can start, stop or list containers until it is back."
                : runningButSilent(s.daemon().failure());
        return List.of(new Finding(ID, Severity.CRITICAL, "The Docker daemon does not answer", detail, ev, steps));
    }

    /** What a running dockerd's silence means, by the kind of silence the probe met. */
    private static String runningButSilent(DaemonState.Failure failure) {
        return switch (failure) { // never null for a daemon that does not answer
            case PERMISSION_DENIED -> "A dockerd process is running, but docker-doctor may not use its socket (permission"
                    + " denied): the daemon may well be fine. Run docker-doctor as root or in the docker group, or mount"
                    + " the socket into its container, to see it.";
            case NO_ANSWER -> "A dockerd process is running and took the connection, but did not answer in time: it may"
                    + " be starting (a large data root takes a while), stuck, or starved of disk or memory.";
            case DAEMON_ERROR -> "A dockerd process is running and answers, but refused what docker-doctor asked (the"
                    + " evidence says why, often an API version): the daemon itself is up.";
            case NOT_LISTENING, OTHER -> "A dockerd process exists but does not answer on the socket: it may be starting,"
                    + " stuck, or serving another socket.";
        };
    }
}
