package dev.dockerdoctor.report;

import dev.dockerdoctor.model.LogEvent;
import dev.dockerdoctor.parse.logs.DockerPackages;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What happened, in words: the one timeline that the text report and Slack both tell. Each event is said in words
 * a person reads at 6 a.m.; events in a row that say the same thing are one line (the same moment read from syslog
 * and from the journal is said once, a repeat is counted). Pure.
 */
public final class Timeline {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("MMM d HH:mm:ss", Locale.ROOT);

    /** One line: the first and last moment, the words, and at how many distinct seconds it happened. */
    public record Line(OffsetDateTime at, OffsetDateTime until, String words, int times) {
    }

    private Timeline() {
    }

    /** The events folded into lines, in their order. */
    public static List<Line> of(List<LogEvent> events) {
        List<Line> out = new ArrayList<>();
        Set<Instant> seconds = new HashSet<>();
        for (LogEvent e : events) {
            String words = describe(e);
            Instant second = e.time().toInstant().truncatedTo(ChronoUnit.SECONDS);
            Line last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.words().equals(words)) {
                boolean again = seconds.add(second);
                out.set(out.size() - 1, new Line(last.at(), e.time(), words, last.times() + (again ? 1 : 0)));
            } else {
                seconds.clear();
                seconds.add(second);
                out.add(new Line(e.time(), e.time(), words, 1));
            }
        }
        return out;
    }

    /** The lines as text in a zone: time of day when all is within a day of {@code now}, else with the date. */
    public static List<String> lines(List<LogEvent> events, ZoneId zone, Instant now) {
        DateTimeFormatter f = format(events, now);
        return of(events).stream().map(l -> f.format(l.at().atZoneSameInstant(zone)) + "  " + l.words()
                + (l.times() > 1 ? "  (" + l.times() + " times, until " + f.format(l.until().atZoneSameInstant(zone)) + ")" : ""))
                .toList();
    }

    /** Time of day when every event is within 20 hours of {@code now}, else the date too. */
    public static DateTimeFormatter format(List<LogEvent> events, Instant now) {
        boolean old = events.stream().anyMatch(e -> Duration.between(e.time().toInstant(), now).toHours() >= 20);
        return old ? DAY_TIME : TIME;
    }

    /** One event in words. */
    public static String describe(LogEvent e) {
        return switch (e.kind()) {
            case APT_DAILY_UPGRADE_START -> "apt-daily-upgrade started";
            case APT_DAILY_UPGRADE_END -> "apt-daily-upgrade finished";
            case DNF_AUTOMATIC_START -> "dnf-automatic started";
            case DNF_AUTOMATIC_END -> "dnf-automatic finished";
            case PACKAGE_UPGRADE -> e.pkg() == null ? e.message()
                    // a snap refresh names only the revision it mounted; a package's unknown old version is a "?"
                    : e.pkg() + (e.from() != null ? " " + e.from() : DockerPackages.SNAP.equals(e.pkg()) ? "" : " ?")
                    + " → " + (e.to() == null ? "?" : e.to());
            case PACKAGE_INSTALL -> e.pkg() == null ? e.message() : e.pkg() + " " + (e.to() == null ? "" : e.to() + " ") + "installed";
            case PACKAGE_REMOVE -> e.pkg() == null ? e.message() : e.pkg() + " removed";
            case CONTAINERD_STOP -> "containerd stopped";
            case CONTAINERD_START -> "containerd started";
            case DOCKER_STOP -> "Docker stopped";
            case DOCKER_START -> "Docker started";
            case DOCKERD_STARTING -> "dockerd starting up";
            case DOCKERD_TERMINATED -> "dockerd told to stop (SIGTERM)";
            case DOCKERD_READY -> "dockerd ready";
            case CONTAINERD_LOST -> "dockerd lost containerd under it";
            case DOCKERD_CONFIG_REFUSED -> "dockerd refused its daemon.json";
            case SYSTEMD_RELOAD -> "systemd reloaded its units";
        };
    }
}
