package dev.dockerdoctor.slack.message;

import dev.dockerdoctor.watch.Durations;
import dev.dockerdoctor.watch.Incident;
import dev.dockerdoctor.watch.IncidentGroup;
import dev.dockerdoctor.watch.IncidentState;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static dev.dockerdoctor.slack.message.Mrkdwn.bold;
import static dev.dockerdoctor.slack.message.Mrkdwn.code;
import static dev.dockerdoctor.slack.message.Mrkdwn.esc;

/**
 * The root message of incidents of one cause on several hosts: what they share, each host and its state, and
 * where the rest is (each host's incident, diagnosis and buttons in the thread). Edited as the hosts change.
 */
public final class GroupViews {
    /** Hosts listed; a wave larger than this lists the first and counts the rest. */
    static final int MAX_HOSTS = 60;

    private GroupViews() {
    }

    public static Message root(IncidentGroup g, ZoneId zone) {
        List<Incident> m = g.members();
        long open = m.stream().filter(Incident::open).count();
        String what = m.isEmpty() ? "incident" : IncidentViews.shortWhat(m.get(0));
        String title = open > 0 ? ":red_circle: " + what + " on " + Mrkdwn.count(m.size(), "host", "hosts")
                + (open < m.size() ? " (" + (m.size() - open) + " resolved)" : "")
                : ":large_green_circle: Resolved on " + Mrkdwn.count(m.size(), "host", "hosts");
        List<String> lines = Clip.list(m.stream().map(i -> line(i, zone)).toList(), MAX_HOSTS, "hosts, in the thread");
        List<Part> parts = new ArrayList<>();
        parts.add(new Part.Header(title));
        parts.add(new Part.Text("*The same cause on every host:* " + code(g.cause()) + ", the first at "
                + Mrkdwn.date(g.openedAt(), zone) + "."));
        parts.addAll(Clip.paragraphs(null, lines, 300));
        parts.add(Part.Note.of("Each host's incident, its diagnosis and its buttons are in this thread."));
        return new Message(title.replaceFirst("^:[a-z_]+: ", "") + ": " + String.join(", ",
                Clip.list(m.stream().map(Incident::host).toList(), 10, "hosts")), parts);
    }

    static String line(Incident i, ZoneId zone) {
        String dot = switch (i.state()) {
            case OPEN -> ":red_circle:";
            case MITIGATING -> ":large_orange_circle:";
            case RESOLVED -> ":large_green_circle:";
        };
        String state = i.state() == IncidentState.RESOLVED ? "resolved after " + Durations.words(i.duration())
                : esc(IncidentViews.shortWhat(i)) + (i.state() == IncidentState.MITIGATING ? ", recovering" : "");
        return dot + " " + bold(esc(i.host())) + ": " + state + ", since " + Mrkdwn.date(i.openedAt(), zone);
    }
}
