package dev.dockerdoctor.model;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * All the evidence one run gathered, read-only, at one moment. Rules and the planner see only this.
 *
 * @param takenAt        when the evidence was gathered (the rules' "now")
 * @param zone           the host's time zone (for logs without an offset, and for display)
 * @param since          start of the log window
 * @param lastKnownGood  the last healthy state recorded in the state folder, or null
 */
public record HostSnapshot(Instant takenAt, ZoneId zone, Instant since, DaemonState daemon, DockerConfig config,
                           List<DataRoot> dataRoots, List<LogEvent> events, LogStats logStats,
                           List<ComposeProject> compose, List<ComposeProblem> composeProblems,
                           LastKnownGood lastKnownGood) {
    public HostSnapshot {
        dataRoots = List.copyOf(dataRoots);
        events = List.copyOf(events);
        compose = List.copyOf(compose);
        composeProblems = List.copyOf(composeProblems);
    }

    public java.util.Optional<DataRoot> activeRoot() {
        return dataRoots.stream().filter(DataRoot::active).findFirst();
    }
}
