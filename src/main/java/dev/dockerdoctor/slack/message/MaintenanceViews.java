package dev.dockerdoctor.slack.message;

import dev.dockerdoctor.slack.message.Part.Code;
import dev.dockerdoctor.slack.message.Part.Note;
import dev.dockerdoctor.slack.message.Part.Text;
import dev.dockerdoctor.watch.Durations;
import dev.dockerdoctor.watch.Maintenance;
import dev.dockerdoctor.watch.TimelineEntry;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static dev.dockerdoctor.slack.message.Mrkdwn.bold;
import static dev.dockerdoctor.slack.message.Mrkdwn.code;
import static dev.dockerdoctor.slack.message.Mrkdwn.esc;

/**
 * What {@code /docker-status maintenance} posts: the window's start (or its new end) and its end, in the channel,
 * and the answers to the admin who typed it. Pure.
 */
public final class MaintenanceViews {
    static final int MAX_SEEN_LINES = 15;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("MMM d HH:mm:ss", Locale.ROOT);

    private MaintenanceViews() {
    }

    /** The news of a window, for the channel: it started (or its end moved), or it ended with what it held back. */
    public static Message news(Maintenance m, String host, ZoneId zone) {
        return m.endedAt() == null ? started(m, host, zone) : ended(m, host, zone);
    }

    static Message started(Maintenance m, String host, ZoneId zone) {
        String text = ":construction: " + bold("Maintenance on " + host) + " until " + Mrkdwn.date(m.until(), zone)
                + startedBy(m, 300) + (m.reason().isEmpty() ? "." : "");
        List<Part> parts = new ArrayList<>();
        parts.add(new Text(text));
        parts.add(Note.of("Until then what goes wrong is kept, not posted, and opens no incident; at the end one message"
                + " says what happened, and anything still broken opens its incident. " + code(ViewContext.COMMAND
                + " maintenance end") + " ends it early."));
        return new Message("Maintenance on " + host + " until " + fallback(m.until(), zone) + ", started by " + m.by()
                + (m.reason().isEmpty() ? "" : ": " + Clip.text(m.reason(), 200)), parts);
    }

    static Message ended(Maintenance m, String host, ZoneId zone) {
        Duration lasted = Duration.between(m.startedAt(), m.endedAt());
        String how = m.endedBy() == null ? "as planned" : "early, by " + Mrkdwn.user(m.endedBy());
        String text = ":white_check_mark: " + bold("Maintenance on " + host + " is over") + ", " + how + ", after "
                + esc(Durations.words(lasted)) + (m.reason().isEmpty() ? "." : " (" + esc(Clip.text(m.reason(), 200)) + ").");
        List<Part> parts = new ArrayList<>();
        parts.add(new Text(text));
        if (m.seen().isEmpty()) {
            parts.add(new Text("Nothing went wrong during it."));
        } else {
            List<String> lines = new ArrayList<>();
            List<TimelineEntry> seen = m.seen();
            int from = Math.max(0, seen.size() - MAX_SEEN_LINES);
            if (from > 0) lines.add("... " + from + " earlier");
            for (TimelineEntry e : seen.subList(from, seen.size())) {
                lines.add(CLOCK.format(e.at().atZone(zone)) + "  " + Clip.text(e.text().replace('\n', ' '), 200));
            }
            parts.add(new Code("*Seen during it* (" + esc(Mrkdwn.zoneName(zone)) + "), held back", lines));
            parts.add(Note.of("Whatever of this is still broken opens its incident now, in this channel."));
        }
        return new Message("Maintenance on " + host + " is over after " + Durations.words(lasted) + "; "
                + (m.seen().isEmpty() ? "nothing went wrong during it" : Mrkdwn.count(m.seen().size(), "thing", "things")
                + " went wrong during it"), parts);
    }

    /** ", started by @alice: upgrading Docker" (the reason cut at {@code reasonMax}), as every view of a window says it. */
    static String startedBy(Maintenance m, int reasonMax) {
        return ", started by " + Mrkdwn.user(m.by()) + (m.reason().isEmpty() ? "" : ": " + esc(Clip.text(m.reason(), reasonMax)));
    }

    /** The admin's answer: the window now under way (the channel hears of it too). */
    public static Message startedForYou(Maintenance m, ZoneId zone) {
        return only(":construction: Maintenance until " + Mrkdwn.date(m.until(), zone) + (m.reason().isEmpty() ? ""
                : " (" + esc(Clip.text(m.reason(), 200)) + ")") + ". The channel is told; " + code(ViewContext.COMMAND
                + " maintenance end") + " ends it early.", "Maintenance until " + fallback(m.until(), zone));
    }

    public static Message endedForYou(Maintenance m) {
        return only(":white_check_mark: Maintenance ended. The channel is told what happened during it.", "Maintenance ended");
    }

    /** {@code maintenance} alone, or {@code end} with none under way. */
    public static Message current(Optional<Maintenance> m, Instant now, ZoneId zone) {
        if (m.isEmpty()) {
            return only("No maintenance under way. " + code(ViewContext.COMMAND + " maintenance 2h upgrading Docker")
                    + " starts one (admins).", "No maintenance under way");
        }
        Maintenance w = m.get();
        return only(":construction: Maintenance until " + Mrkdwn.date(w.until(), zone) + " ("
                + esc(Durations.words(Duration.between(now, w.until()))) + " left)" + startedBy(w, 200) + "; "
                + Mrkdwn.count(w.seen().size(), "thing", "things") + " held back so far.", "Maintenance until " + fallback(w.until(), zone));
    }

    public static Message adminsOnly(ViewContext c) {
        String who = c.admins().isEmpty() ? "nobody may, DOCTOR_ADMINS is empty"
                : Mrkdwn.and(Clip.list(c.admins().stream().map(Mrkdwn::user).toList(), 8, "others"));
        return only(":lock: Only admins may start or end maintenance: " + who + ".", "Only admins may start or end maintenance");
    }

    /** An agent's host refused: the user is an admin of the hub, not of that host. */
    public static Message notAnAdminThere(String host) {
        return only(":lock: " + esc(host) + " takes maintenance from its own admins only (its DOCTOR_ADMINS), and you"
                + " are not one of them.", "Not an admin on " + host);
    }

    public static Message noWatch() {
        return only("This bot does not watch its host (no incidents), so there is nothing to hold back.", "No watch to hold back");
    }

    private static Message only(String markdown, String fallback) {
        return new Message(fallback, List.of(new Text(markdown)));
    }

    private static String fallback(Instant t, ZoneId zone) {
        return CLOCK.format(t.atZone(zone)) + " " + Mrkdwn.zoneName(zone);
    }
}
