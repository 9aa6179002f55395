package dev.dockerdoctor.diagnosis.rules;

import dev.dockerdoctor.diagnosis.facts.Facts;
import dev.dockerdoctor.model.EventKind;
import dev.dockerdoctor.model.Evidence;
import dev.dockerdoctor.model.Finding;
import dev.dockerdoctor.model.HostSnapshot;
import dev.dockerdoctor.model.Install;
import dev.dockerdoctor.model.LogEvent;
import dev.dockerdoctor.model.Severity;
import dev.dockerdoctor.model.StepFamily;
import dev.dockerdoctor.parse.logs.DockerPackages;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code docker-restarted-by-upgrade} (warning): Docker or containerd stopped or started during, or within 30 minutes
 * after, an upgrade of the docker/containerd/runc packages or a run of the daily unattended upgrade. That is how the
 * story's outage began; the finding names the packages with their versions and quotes the log lines. The latest
 * such incident is described; earlier ones in the window are counted.
 */
public final class DockerRestartedByUpgradeRule implements Rule {
    public static final String ID = "docker-restarted-by-upgrade";
    /** "After an upgrade": within this long of it (PRODUCT.md). */
    static final Duration AFTER = Duration.ofMinutes(30);
    /** Package scripts may stop Docker a moment before dpkg writes its line for the package. */
    static final Duration BEFORE = Duration.ofMinutes(2);
    /** An upgrade run whose end is not in the logs counts at most this long. */
    static final Duration LONGEST_RUN = Duration.ofHours(2);
    static final int MAX_EVIDENCE = 20;

    static final Set<EventKind> STOPS = EnumSet.of(EventKind.DOCKER_STOP, EventKind.CONTAINERD_STOP,
            EventKind.DOCKERD_TERMINATED, EventKind.CONTAINERD_LOST);
    static final Set<EventKind> STARTS = EnumSet.of(EventKind.DOCKER_START, EventKind.CONTAINERD_START,
            EventKind.DOCKERD_STARTING, EventKind.DOCKERD_READY);
    private static final Set<EventKind> PACKAGES = EnumSet.of(EventKind.PACKAGE_UPGRADE, EventKind.PACKAGE_INSTALL,
            EventKind.PACKAGE_REMOVE);
    private static final DateTimeFormatter HMS = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    @Override
    public String id() { return ID; }

    /** A span during which a Docker stop or start is blamed on an upgrade. */
    private record Window(Instant from, Instant to) {
        boolean contains(Instant t) { return !t.isBefore(from) && !t.isAfter(to); }

        boolean overlaps(Window o) { return !o.from.isAfter(to) && !o.to.isBefore(from); }

        Window union(Window o) {
            return new Window(from.isBefore(o.from) ? from : o.from, to.isAfter(o.to) ? to : o.to);
        }
    }

    @Override
    public List<Finding> check(HostSnapshot s, Facts facts) {
        List<LogEvent> events = new ArrayList<>(s.events());
        events.sort(Comparator.comparingLong(e -> e.time().toEpochSecond()));
        List<Window> windows = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            LogEvent e = events.get(i);
            Instant t = e.time().toInstant();
            if (e.kind().startsUnattendedRun()) {
                windows.add(new Window(t.minus(BEFORE), runEnd(events, i).plus(AFTER)));
            } else if (PACKAGES.contains(e.kind()) && DockerPackages.isDockerFamily(e.pkg())) {
                windows.add(new Window(t.minus(BEFORE), t.plus(AFTER)));
            }
        }
        windows.sort(Comparator.comparing(Window::from));
        List<Window> incidents = new ArrayList<>();
        for (Window w : windows) {
            if (!incidents.isEmpty() && incidents.get(incidents.size() - 1).overlaps(w)) {
                incidents.set(incidents.size() - 1, incidents.get(incidents.size() - 1).union(w));
            } else {
                incidents.add(w);
            }
        }
        incidents.removeIf(w -> events.stream().noneMatch(e -> isRestart(e) && w.contains(e.time().toInstant())));
        if (incidents.isEmpty()) return List.of();
        Window w = incidents.get(incidents.size() - 1);
        List<LogEvent> inside = events.stream().filter(e -> w.contains(e.time().toInstant())).toList();
        return List.of(describe(s, inside, incidents.size() - 1));
    }

    private static boolean isRestart(LogEvent e) {
        return STOPS.contains(e.kind()) || STARTS.contains(e.kind());
    }

    /** The end of the upgrade run that starts at index i: its end event, or its start when none is seen. */
    private static Instant runEnd(List<LogEvent> events, int i) {
        Instant start = events.get(i).time().toInstant();
        for (int j = i + 1; j < events.size(); j++) {
            LogEvent e = events.get(j);
            Instant t = e.time().toInstant();
            if (t.isAfter(start.plus(LONGEST_RUN))) break;
            if (e.kind().endsUnattendedRun()) return t;
        }
        return start;
    }

    private Finding describe(HostSnapshot s, List<LogEvent> inside, int earlier) {
        LogEvent run = inside.stream().filter(e -> e.kind().startsUnattendedRun()).findFirst().orElse(null);
        // one line per package and version pair; dpkg's own line is the most literal quote
        Map<String, LogEvent> packages = new LinkedHashMap<>();
        for (LogEvent e : inside) {
            if (!PACKAGES.contains(e.kind()) || !DockerPackages.isDockerFamily(e.pkg())) continue;
            String key = e.pkg() + "|" + e.from() + "|" + e.to();
            LogEvent had = packages.get(key);
            if (had == null || (!had.source().endsWith("dpkg.log") && e.source().endsWith("dpkg.log"))) packages.put(key, e);
        }
        List<LogEvent> restarts = inside.stream().filter(DockerRestartedByUpgradeRule::isRestart).toList();
        LogEvent firstStop = restarts.stream().filter(e -> STOPS.contains(e.kind())).findFirst().orElse(null);
        LogEvent lastStart = null;
        for (LogEvent e : restarts) if (STARTS.contains(e.kind())) lastStart = e;
        boolean startedAfterStop = lastStart != null && (firstStop == null || !lastStart.time().isBefore(firstStop.time()));
        boolean containerd = restarts.stream().anyMatch(e -> e.kind().name().startsWith("CONTAINERD"));

        List<String> names = packages.values().stream().map(LogEvent::pkg).distinct().toList();
        LogEvent anchor = run != null ? run : packages.values().stream().findFirst().orElse(restarts.get(0));
        String when = anchor.time().format(DAY) + " at " + anchor.time().format(HMS);
        String title = names.isEmpty()
                ? "The daily unattended upgrade restarted Docker (" + anchor.time().format(HMS) + ")"
                : "An upgrade of " + list(names, 3) + " restarted Docker (" + anchor.time().format(HMS) + ")";

        StringBuilder d = new StringBuilder();
        d.append("On ").append(when).append(' ');
        Install install = s.config().install();
        d.append(run != null ? install.unattendedUpgrader() + " ran"
                : install == Install.SNAP ? "snapd refreshed the docker snap" : "a package upgrade ran");
        if (!packages.isEmpty()) {
            d.append(" and ").append(packages.values().stream().anyMatch(e -> e.kind() == EventKind.PACKAGE_UPGRADE) ? "upgraded " : "changed ");
            d.append(String.join(", ", packages.values().stream().map(DockerRestartedByUpgradeRule::versions).toList()));
        }
        d.append(". ");
        String what = containerd ? "Docker and containerd" : "Docker";
        if (firstStop != null) {
            d.append("Its package scripts stopped ").append(what).append(" at ").append(firstStop.time().format(HMS));
            d.append(startedAfterStop ? " and started them again at " + lastStart.time().format(HMS) + ". "
                    : "; they were not seen starting again. ");
        } else {
            d.append(what).append(" started at ").append(lastStart.time().format(HMS)).append(" during the upgrade. ");
        }
        if (Boolean.TRUE.equals(s.daemon().liveRestoreEnabled())) {
            d.append("Live-restore is on, so running containers should have survived the restart. ");
        } else {
            d.append("Every running container stopped with Docker; only those with a restart policy came back by themselves. ");
        }
        d.append("An upgrade may also replace " + install.vendorUnit() + ": if Docker came back on another data root,"
                + " the other findings say so. ");
        if (earlier > 0) d.append("It happened ").append(earlier).append(earlier == 1 ? " more time" : " more times").append(" earlier in the window. ");
        d.append(install.prevention());

        List<LogEvent> quoted = new ArrayList<>();
        if (run != null) quoted.add(run);
        quoted.addAll(packages.values());
        for (LogEvent e : inside) {
            if (isRestart(e) || e.kind() == EventKind.SYSTEMD_RELOAD || e.kind().endsUnattendedRun()) quoted.add(e);
        }
        List<Evidence> evidence = quoted.stream().distinct()
                .sorted(Comparator.comparingLong(e -> e.time().toEpochSecond()))
                .limit(MAX_EVIDENCE).map(e -> new Evidence(e.source(), e.message())).toList();
        // a clean restart (the daemon answers, live-restore kept the containers running) is worth knowing, not a problem
        boolean clean = s.daemon().reachable() && Boolean.TRUE.equals(s.daemon().liveRestoreEnabled());
        return new Finding(ID, clean ? Severity.INFO : Severity.WARNING, title, d.toString().strip(), evidence,
                List.of(StepFamily.HOLD_DOCKER_PACKAGES.id(), StepFamily.BLACKLIST_DOCKER_UPGRADES.id(), StepFamily.DISABLE_APT_DAILY_UPGRADE.id()));
    }

    /** {@code containerd.io 1.4.9-1 → 1.4.11-1}; an install or removal shows its one version. */
    static String versions(LogEvent e) {
        if (e.from() != null && e.to() != null) return e.pkg() + " " + e.from() + " → " + e.to();
        if (e.kind() == EventKind.PACKAGE_UPGRADE && e.to() != null) return e.pkg() + " → " + e.to(); // a snap refresh
        if (e.to() != null) return e.pkg() + " " + e.to() + " (installed)";
        return e.pkg() + (e.from() != null ? " " + e.from() : "") + " (removed)";
    }

    private static String list(List<String> names, int max) {
        if (names.size() <= max) {
            if (names.size() == 1) return names.get(0);
            return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
        }
        return String.join(", ", names.subList(0, max)) + " and " + (names.size() - max) + " more";
    }
}
