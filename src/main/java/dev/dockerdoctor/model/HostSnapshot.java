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
 * @param diskUsage      the daemon's own disk accounting ({@code /system/df}), or null when not known
 * @param restartHistory the containers' restart counts at earlier polls (the watcher's), oldest first; empty for a
 *                       one-off run
 */
public record HostSnapshot(Instant takenAt, ZoneId zone, Instant since, DaemonState daemon, DockerConfig config,
                           List<DataRoot> dataRoots, List<LogEvent> events, LogStats logStats,
                           List<ComposeProject> compose, List<ComposeProblem> composeProblems,
                           LastKnownGood lastKnownGood, DiskUsage diskUsage, List<RestartSample> restartHistory,
                           List<String> dataRootSearchUnfinished) {
    public HostSnapshot {
        dataRootSearchUnfinished = dataRootSearchUnfinished == null ? List.of() : List.copyOf(dataRootSearchUnfinished);
        dataRoots = List.copyOf(dataRoots);
        events = List.copyOf(events);
        compose = List.copyOf(compose);
        composeProblems = List.copyOf(composeProblems);
        restartHistory = restartHistory == null ? List.of() : List.copyOf(restartHistory);
    }

    /** With a data-root search that finished everywhere. */
    public HostSnapshot(Instant takenAt, ZoneId zone, Instant since, DaemonState daemon, DockerConfig config,
                        List<DataRoot> dataRoots, List<LogEvent> events, LogStats logStats,
                        List<ComposeProject> compose, List<ComposeProblem> composeProblems,
                        LastKnownGood lastKnownGood, DiskUsage diskUsage, List<RestartSample> restartHistory) {
        this(takenAt, zone, since, daemon, config, dataRoots, events, logStats, compose, composeProblems,
                lastKnownGood, diskUsage, restartHistory, List.of());
    }

    /** Without disk usage and restart history. */
    public HostSnapshot(Instant takenAt, ZoneId zone, Instant since, DaemonState daemon, DockerConfig config,
                        List<DataRoot> dataRoots, List<LogEvent> events, LogStats logStats,
                        List<ComposeProject> compose, List<ComposeProblem> composeProblems,
                        LastKnownGood lastKnownGood) {
        this(takenAt, zone, since, daemon, config, dataRoots, events, logStats, compose, composeProblems,
                lastKnownGood, null, List.of());
    }

    public HostSnapshot withDiskUsage(DiskUsage usage) {
        return new HostSnapshot(takenAt, zone, since, daemon, config, dataRoots, events, logStats, compose,
                composeProblems, lastKnownGood, usage, restartHistory, dataRootSearchUnfinished);
    }

    public HostSnapshot withRestartHistory(List<RestartSample> history) {
        return new HostSnapshot(takenAt, zone, since, daemon, config, dataRoots, events, logStats, compose,
                composeProblems, lastKnownGood, diskUsage, history, dataRootSearchUnfinished);
    }

    /** The places the data-root search did not finish (it stopped on its budget there); empty when it did. */
    public HostSnapshot withDataRootSearchUnfinished(List<String> places) {
        return new HostSnapshot(takenAt, zone, since, daemon, config, dataRoots, events, logStats, compose,
                composeProblems, lastKnownGood, diskUsage, restartHistory, places);
    }

    public java.util.Optional<DataRoot> activeRoot() {
        return dataRoots.stream().filter(DataRoot::active).findFirst();
    }
}
