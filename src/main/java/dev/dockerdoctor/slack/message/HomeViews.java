package dev.dockerdoctor.slack.message;

import dev.dockerdoctor.model.Diagnosis;
import dev.dockerdoctor.recovery.AuditLog;
import dev.dockerdoctor.watch.Durations;
import dev.dockerdoctor.watch.Incident;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static dev.dockerdoctor.slack.message.Mrkdwn.code;
import static dev.dockerdoctor.slack.message.Mrkdwn.esc;

/**
 * The App Home tab: the host's state at a glance (from the newest diagnosis), the open incident with a link to its
 * thread, and the last steps run. Read-only: the buttons live in the reports and threads.
 */
public final class HomeViews {
    /** How many of the last steps the tab lists. */
    public static final int STEPS = 5;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ROOT);

    private HomeViews() {
    }

    /**
     * @param teamUrl the workspace's URL from auth.test ({@code https://team.slack.com/}), for links to threads
     */
    public static Message home(HomeState h, ViewContext c, ZoneId zone, Instant now, Optional<String> teamUrl) {
        List<Part> parts = new ArrayList<>();
        parts.add(new Part.Header("docker-doctor on " + c.host()));
        if (h.newest().isPresent()) {
            Diagnosis d = h.newest().get();
            parts.add(new Part.Text(ReportViews.headline(d, c) + "\n" + ReportViews.verdict(d)));
            parts.add(new Part.Fields(ReportViews.facts(d)));
            parts.add(new Part.Note(List.of("As of " + WHEN.format(d.snapshot().takenAt().atZone(zone)) + " ("
                    + Mrkdwn.zoneName(zone) + "). " + code(ViewContext.COMMAND) + " for the full report, with the fix as buttons.")));
        } else {
            parts.add(new Part.Text("Not diagnosed yet. " + code(ViewContext.COMMAND) + " diagnoses the host now."));
        }
        parts.add(new Part.Divider());
        parts.add(new Part.Text("*Open incident*\n" + h.open().map(i -> incident(i, c, zone, now, teamUrl))
                .orElse(":large_green_circle: None.")));
        h.maintenance().ifPresent(m -> parts.add(new Part.Text(":construction: *Maintenance* until " + Mrkdwn.date(m.until(), zone)
                + MaintenanceViews.startedBy(m, 200) + ". New incidents wait until it ends.")));
        parts.add(new Part.Divider());
        List<String> steps = h.lastSteps().stream().limit(STEPS).map(e -> step(e, zone)).toList();
        parts.add(new Part.Text("*Last steps run*\n" + (steps.isEmpty() ? "None yet." : String.join("\n", steps))));
        String fallback = "docker-doctor on " + c.host() + ": " + h.open().map(i -> "an incident is open")
                .orElse(h.newest().map(d -> d.hasProblems() ? "problems found" : "healthy").orElse("not diagnosed yet"));
        return new Message(fallback, parts);
    }

    private static String incident(Incident i, ViewContext c, ZoneId zone, Instant now, Optional<String> teamUrl) {
        String title = IncidentViews.title(i, c);
        Duration open = Duration.between(i.openedAt(), now);
        String since = "since " + WHEN.format(i.openedAt().atZone(zone)) + " (" + Durations.words(open.isNegative() ? Duration.ZERO : open) + ")";
        Optional<String> link = teamUrl.filter(u -> i.thread() != null).map(u -> (u.endsWith("/") ? u : u + "/")
                + "archives/" + i.thread().channel() + "/p" + i.thread().ts().replace(".", ""));
        String ack = i.acknowledgement() == null ? "\nNobody has acknowledged it yet."
                : "\n" + IncidentViews.acknowledged(i.acknowledgement(), zone);
        return title + ", " + since + ack + "\n" + link.map(l -> "<" + l + "|Open its thread>")
                .orElse(i.thread() == null ? "Its thread is not posted yet." : "Its thread is in <#" + i.thread().channel() + ">.");
    }

    private static String step(AuditLog.Entry e, ZoneId zone) {
        return "• " + WHEN.format(e.time().atZone(zone)) + " " + code(e.step()) + " by " + Mrkdwn.user(e.user()) + ": "
                + esc(Clip.text(e.result(), 200));
    }
}
