package dev.dockerdoctor.slack.message;

import dev.dockerdoctor.model.ComposeProject;
import dev.dockerdoctor.model.ComposeService;
import dev.dockerdoctor.model.DataRoot;
import dev.dockerdoctor.model.Diagnosis;
import dev.dockerdoctor.model.EventKind;
import dev.dockerdoctor.model.Finding;
import dev.dockerdoctor.model.LogEvent;
import dev.dockerdoctor.model.ServiceState;
import dev.dockerdoctor.model.Severity;
import dev.dockerdoctor.report.Timeline;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Small readings of a diagnosis that several views share, worded for people. */
final class Readings {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private Readings() {
    }

    static String emoji(Severity s) {
        return switch (s) {
            case CRITICAL -> ":red_circle:";
            case WARNING -> ":large_orange_circle:";
            case INFO -> ":large_blue_circle:";
        };
    }

    static Map<Severity, Integer> counts(Diagnosis d) {
        Map<Severity, Integer> out = new EnumMap<>(Severity.class);
        for (Finding f : d.findings()) out.merge(f.severity(), 1, Integer::sum);
        return out;
    }

    /** "1 critical, 2 warnings" (advice left out: it does not make a host unhealthy). */
    static String problemCounts(Diagnosis d) {
        Map<Severity, Integer> c = counts(d);
        List<String> parts = new ArrayList<>();
        if (c.containsKey(Severity.CRITICAL)) parts.add(c.get(Severity.CRITICAL) + " critical");
        if (c.containsKey(Severity.WARNING)) parts.add(Mrkdwn.count(c.get(Severity.WARNING), "warning", "warnings"));
        return String.join(", ", parts);
    }

    /** Roots on disk other than the live one that hold something: where the containers went. */
    static List<DataRoot> otherRoots(Diagnosis d) {
        String live = d.snapshot().daemon().reachable() ? d.snapshot().daemon().dockerRootDir() : null;
        return d.snapshot().dataRoots().stream()
                .filter(r -> !r.active() && !r.path().equals(live))
                .filter(r -> r.containers() > 0 || r.images() > 0 || r.volumes() > 0)
                .sorted((a, b) -> Integer.compare(b.containers(), a.containers()))
                .toList();
    }

    static String rootCounts(DataRoot r) {
        return Mrkdwn.count(r.containers(), "container", "containers") + ", "
                + Mrkdwn.count(r.images(), "image", "images") + ", " + Mrkdwn.count(r.volumes(), "volume", "volumes");
    }

    static ZoneId zone(Diagnosis d) {
        return d.snapshot().zone() == null ? ZoneOffset.UTC : d.snapshot().zone();
    }

    static String zoneName(Diagnosis d) {
        return Mrkdwn.zoneName(zone(d));
    }

    static String time(Diagnosis d, Instant t) {
        return TIME.format(t.atZone(zone(d)));
    }

    /** Time of day when everything shown is within a day of the check, else with the date. */
    static DateTimeFormatter eventFormat(Diagnosis d, List<LogEvent> events) {
        return Timeline.format(events, d.snapshot().takenAt());
    }


    /** The shared timeline ({@link Timeline}), in the host's zone. */
    static List<String> timeline(Diagnosis d, List<LogEvent> events) {
        return Timeline.lines(events, zone(d), d.snapshot().takenAt());
    }

    /** The distinct sources of these events, for "From ..." under a timeline. */
    static List<String> sources(List<LogEvent> events) {
        return events.stream().map(LogEvent::source).filter(s -> s != null && !s.isBlank()).distinct().toList();
    }

    /** The last time Docker (re)started, and whether an upgrade came shortly before it. */
    static Optional<String> lastStart(Diagnosis d) {
        List<LogEvent> ev = d.snapshot().events();
        Optional<LogEvent> start = ev.stream()
                .filter(e -> e.kind() == EventKind.DOCKER_START || e.kind() == EventKind.DOCKERD_STARTING)
                .reduce((a, b) -> b);
        if (start.isEmpty()) return Optional.empty();
        Instant t = start.get().time().toInstant();
        boolean afterUpgrade = ev.stream().anyMatch(e ->
                (e.kind().startsUnattendedRun() || e.kind() == EventKind.PACKAGE_UPGRADE)
                        && !e.time().toInstant().isAfter(t)
                        && Duration.between(e.time().toInstant(), t).toMinutes() <= 30);
        String when = eventFormat(d, List.of(start.get())).format(start.get().time().atZoneSameInstant(zone(d)));
        return Optional.of(when + (afterUpgrade ? ", during a package upgrade" : ""));
    }

    static String serviceState(ComposeService s) {
        return s.state() == null ? "unknown" : s.state().wire();
    }

    /** "3 running" or "2 missing, 1 stopped of 3 (web, db missing; redis stopped)". */
    static String projectSummary(ComposeProject p) {
        long expected = p.services().stream().filter(s -> s.state() != ServiceState.INACTIVE).count();
        long running = p.services().stream().filter(s -> s.state() == ServiceState.RUNNING).count();
        if (expected == 0) return "no services expected to run";
        if (running == expected) return "all " + expected + " running";
        List<String> down = new ArrayList<>();
        for (ServiceState st : List.of(ServiceState.MISSING, ServiceState.STOPPED)) {
            List<String> names = p.services().stream().filter(s -> s.state() == st).map(ComposeService::name).toList();
            if (!names.isEmpty()) down.add(String.join(", ", Clip.list(names, 6, "")) + " " + st.wire());
        }
        long unknown = p.services().stream().filter(s -> s.state() == null).count();
        if (unknown > 0) down.add(unknown + " unknown");
        return running + " of " + expected + " running; " + String.join("; ", down);
    }

    static boolean projectHealthy(ComposeProject p) {
        return p.services().stream().allMatch(s -> s.state() == ServiceState.RUNNING || s.state() == ServiceState.INACTIVE);
    }
}
