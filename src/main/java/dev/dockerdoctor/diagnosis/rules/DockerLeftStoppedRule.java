package dev.dockerdoctor.diagnosis.rules;

import dev.dockerdoctor.diagnosis.facts.Facts;
import dev.dockerdoctor.diagnosis.facts.Upgrades;
import dev.dockerdoctor.model.EventKind;
import dev.dockerdoctor.model.Evidence;
import dev.dockerdoctor.model.Finding;
import dev.dockerdoctor.model.HostSnapshot;
import dev.dockerdoctor.model.LogEvent;
import dev.dockerdoctor.model.Severity;
import dev.dockerdoctor.model.StepFamily;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code docker-left-stopped}: an upgrade stopped dockerd (usually by stopping containerd under it) and nothing started
 * it again (docker/for-linux#1155). The root is fine; only a start is needed.
 */
public final class DockerLeftStoppedRule implements Rule {
    public static final String ID = "docker-left-stopped";
    private static final Set<EventKind> STOPS = Set.of(EventKind.DOCKER_STOP, EventKind.DOCKERD_TERMINATED, EventKind.CONTAINERD_STOP);
    private static final Set<EventKind> STARTS = Set.of(EventKind.DOCKER_START, EventKind.DOCKERD_STARTING, EventKind.DOCKERD_READY);

    @Override
    public String id() { return ID; }

    @Override
    public Set<FindingTrait> traits() {
        return EnumSet.of(FindingTrait.ROOT_NOT_RIGHT,
                FindingTrait.DISQUALIFIES_LAST_KNOWN_GOOD, FindingTrait.ROOT_VIEW);
    }

    @Override
    public List<Finding> check(HostSnapshot s, Facts facts) {
        if (s.daemon().reachable() || !s.config().dockerInstalled() || s.config().targetProcess().isPresent()) return List.of();
        List<LogEvent> events = s.events();
        Optional<LogEvent> lastStop = events.stream().filter(e -> STOPS.contains(e.kind())).reduce((a, b) -> b);
        if (lastStop.isEmpty()) return List.of();
        boolean startedAfter = events.stream().anyMatch(e -> STARTS.contains(e.kind()) && e.time().isAfter(lastStop.get().time()));
        if (startedAfter) return List.of();
        Optional<LogEvent> upgrade = Upgrades.causeOf(lastStop.get(), events);
        if (upgrade.isEmpty()) return List.of();
        List<Evidence> ev = new ArrayList<>();
        ev.add(new Evidence(upgrade.get().source(), upgrade.get().message()));
        ev.add(new Evidence(lastStop.get().source(), lastStop.get().message()));
        ev.add(new Evidence("logs", "no start of Docker after " + lastStop.get().time()));
        String detail = "The upgrade stopped Docker and nothing started it again. Its configuration and data root"
                + " are unchanged: starting it brings the containers with a restart policy back.";
        return List.of(new Finding(ID, Severity.CRITICAL, "An upgrade stopped Docker and left it stopped", detail, ev,
                List.of(StepFamily.START_DOCKER.id())));
    }
}
