package dev.dockerdoctor.slack.message;

import dev.dockerdoctor.model.Diagnosis;
import dev.dockerdoctor.slack.message.Part.Code;
import dev.dockerdoctor.slack.message.Part.Fields;
import dev.dockerdoctor.slack.message.Part.Header;
import dev.dockerdoctor.slack.message.Part.Note;
import dev.dockerdoctor.slack.message.Part.Text;
import dev.dockerdoctor.watch.Durations;
import dev.dockerdoctor.watch.Incident;
import dev.dockerdoctor.watch.IncidentState;
import dev.dockerdoctor.watch.SignalKind;
import dev.dockerdoctor.watch.SignalRecord;
import dev.dockerdoctor.watch.TimelineEntry;

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
 * The messages of an incident thread, platform-neutral and pure. The root message, posted in the incident channel
 * and edited in place, says what is down and the likely cause in one line, with the incident's own timeline; the
 * thread holds the diagnosis with the plan and its buttons (the report view, its buttons naming the incident), and
 * a last reply when it is resolved (an edit notifies nobody; a reply tells the people following the thread).
 */
public final class IncidentViews {
    static final int MAX_TIMELINE = 12;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("MMM d HH:mm:ss", Locale.ROOT);

    private IncidentViews() {
    }

    /** The root message. */
    public static Message root(Incident i, Optional<Diagnosis> d, ViewContext c, ZoneId zone) {
        List<Part> parts = new ArrayList<>();
        parts.add(new Header(title(i, c)));
        parts.add(new Text(bold(whatIsDown(i)) + "\n*Likely cause:* " + cause(i)));
        List<String> f = new ArrayList<>();
        f.add("*Since*\n" + Mrkdwn.date(i.openedAt(), zone));
        f.add("*State*\n" + esc(i.state().wire()));
        if (i.state() == IncidentState.RESOLVED) f.add("*Outage*\n" + esc(Durations.words(i.duration())));
        if (!i.stepsRan().isEmpty()) {
            f.add("*Steps run*\n" + String.join(", ", Clip.list(i.stepsRan().stream().map(Mrkdwn::code).toList(), 5, "")));
        }
        parts.add(new Fields(f));
        if (i.acknowledgement() != null) parts.add(new Text(acknowledged(i.acknowledgement(), zone)));
        parts.add(new Code("*Incident timeline* (" + esc(Mrkdwn.zoneName(zone)) + ")", timeline(i, zone)));
        boolean silent = i.activeSignals().stream().anyMatch(x -> x.kind() == SignalKind.AGENT_SILENT);
        String where = i.state() == IncidentState.RESOLVED ? (d.isPresent() || !silent ? "The last diagnosis is in the thread." : "")
                : silent ? "Nothing on the host can be diagnosed until its agent reports again; then this turns green."
                : d.isPresent() ? "The diagnosis, its evidence and the plan with buttons are in the thread."
                : "Diagnosing: the findings and the plan follow in the thread.";
        parts.add(Note.of((where.isEmpty() ? "" : where + " ") + "Incident " + code(i.id()) + " on " + esc(c.host()) + "."));
        // a silent host's incident is the hub's own: nobody on that host could keep an acknowledgement of it
        if (i.open() && i.acknowledgement() == null && !silent) {
            parts.add(ackButton(i, c));
        }
        return new Message(fallback(i, c), parts);
    }

    /**
     * A reminder in the thread: still open, nobody acknowledged it, mentioning who is on call (users {@code <@U...>},
     * user groups {@code <!subteam^S...>}), with the Acknowledge button again.
     */
    public static Message reminder(Incident i, java.time.Duration openFor, List<String> oncall, ViewContext c) {
        List<String> who = oncall.stream().map(id -> id.startsWith("S") ? "<!subteam^" + id + ">" : Mrkdwn.user(id)).toList();
        String text = ":bell: " + (who.isEmpty() ? "" : String.join(" ", who) + " ") + bold(shortWhat(i)) + " on "
                + esc(c.host()) + ": still open after " + esc(Durations.words(openFor)) + ", and nobody has acknowledged it.";
        List<Part> parts = new ArrayList<>();
        parts.add(new Text(text));
        parts.add(ackButton(i, c));
        return new Message(shortWhat(i) + " on " + c.host() + ": still open after " + Durations.words(openFor)
                + ", nobody has acknowledged it", parts);
    }

    // anyone in the channel may say they are on it; the modal asks what they are doing
    // the value names the incident as the buttons of its thread do (an agent's: HOST:ID), so the hub finds its host
    private static Part ackButton(Incident i, ViewContext c) {
        String ref = c.reportId() != null ? c.reportId() : i.id();
        return new Part.Buttons(List.of(new Part.Button(UI_ACK, "Acknowledge", ButtonRef.ofReport(ref).encode(),
                Part.Style.PRIMARY, null)));
    }

    /** The Acknowledge button's action_id: it opens a modal asking what they are doing about it. */
    public static final String UI_ACK = "ui:ack";

    static String acknowledged(dev.dockerdoctor.watch.Acknowledgement a, ZoneId zone) {
        return ":eyes: *Acknowledged* by " + Mrkdwn.user(a.user()) + " " + Mrkdwn.date(a.at(), zone)
                + (a.reason().isEmpty() ? "" : ": " + esc(Clip.text(a.reason(), 300)));
    }

    /** The diagnosis in the thread: the full report, with step buttons that name this incident. */
    public static Message thread(Incident i, Diagnosis d, ViewContext c) {
        Message report = ReportViews.report(d, c);
        return new Message("Diagnosis of incident " + i.id() + ": " + report.fallback(), report.parts());
    }

    /** The last reply: resolved, and after how long. */
    public static Message resolved(Incident i, ViewContext c) {
        String text = ":large_green_circle: " + bold("Resolved after " + Durations.words(i.duration()) + ".")
                + " Every watched service answers, Docker is fine, and the last check found nothing critical.";
        List<Part> parts = new ArrayList<>(List.of(new Text(text)));
        // the post-mortem in brief; the whole one is a command away on the host
        List<String> f = new ArrayList<>();
        f.add("*Was down*\n" + esc(String.join("; ", Clip.list(i.signals().stream().map(SignalRecord::detail).toList(), 3, "signals"))));
        i.namedCause().ifPresent(cause -> f.add("*Cause*\n" + esc(Clip.text(cause, 300))));
        if (i.acknowledgement() != null) {
            f.add("*Acknowledged*\n" + Mrkdwn.user(i.acknowledgement().user())
                    + (i.acknowledgement().reason().isEmpty() ? "" : ": " + esc(Clip.text(i.acknowledgement().reason(), 200))));
        }
        f.add("*Steps run*\n" + (i.stepsRan().isEmpty() ? "none from Slack"
                : String.join(", ", Clip.list(i.stepsRan().stream().map(Mrkdwn::code).toList(), 5, ""))));
        parts.add(new Fields(f));
        parts.add(Note.of("The post-mortem, written up: " + code("docker-doctor postmortem " + i.id()) + " on " + esc(c.host()) + "."));
        return new Message("Resolved after " + Durations.words(i.duration()) + " on " + c.host(), parts);
    }

    // ---------------------------------------------------------------- pieces

    static String title(Incident i, ViewContext c) {
        return switch (i.state()) {
            case OPEN -> ":red_circle: " + shortWhat(i) + " on " + c.host();
            case MITIGATING -> ":large_orange_circle: Recovering on " + c.host() + ": "
                    + (i.activeSignals().isEmpty() ? "everything watched is back" : shortWhat(i));
            case RESOLVED -> ":large_green_circle: Resolved on " + c.host() + " after " + Durations.words(i.duration());
        };
    }

    /** "gitlab is down", "gitlab and wiki are down", "Docker does not answer", "Docker's data root moved". */
    static String shortWhat(Incident i) {
        List<SignalRecord> on = i.activeSignals().isEmpty() ? i.signals() : i.activeSignals();
        List<String> urls = on.stream().filter(s -> s.kind() == SignalKind.URL_DOWN).map(SignalRecord::subject).toList();
        if (!urls.isEmpty()) return Mrkdwn.and(Clip.list(urls, 3, "")) + (urls.size() == 1 ? " is down" : " are down");
        if (on.stream().anyMatch(s -> s.kind() == SignalKind.AGENT_SILENT)) return "no word from docker-doctor's agent";
        if (on.stream().anyMatch(s -> s.kind() == SignalKind.DAEMON_UNREACHABLE)) return "Docker does not answer";
        if (on.stream().anyMatch(s -> s.kind() == SignalKind.DATA_ROOT_CHANGED)) return "Docker's data root moved";
        if (on.stream().anyMatch(s -> s.kind() == SignalKind.CONTAINERS_COLLAPSED)) return "Docker's containers are gone";
        for (SignalKind k : List.of(SignalKind.CONTAINER_RESTART_LOOP, SignalKind.CONTAINER_OOM_KILLED, SignalKind.CONTAINER_UNHEALTHY)) {
            List<String> names = on.stream().filter(s -> s.kind() == k).map(SignalRecord::subject).toList();
            if (names.isEmpty()) continue;
            String who = Mrkdwn.and(Clip.list(names, 3, ""));
            boolean one = names.size() == 1;
            return who + switch (k) {
                case CONTAINER_RESTART_LOOP -> one ? " is restarting in a loop" : " are restarting in a loop";
                case CONTAINER_OOM_KILLED -> one ? " was killed for lack of memory" : " were killed for lack of memory";
                default -> one ? " fails its health check" : " fail their health checks";
            };
        }
        return "incident";
    }

    static String whatIsDown(Incident i) {
        if (i.state() == IncidentState.RESOLVED) return "Was: " + String.join("; ", details(i.signals()));
        List<SignalRecord> on = i.activeSignals();
        if (on.isEmpty()) return "Everything watched is healthy again; waiting for a clean check to close it.";
        return String.join("; ", details(on));
    }

    private static List<String> details(List<SignalRecord> signals) {
        return Clip.list(signals.stream().map(SignalRecord::detail).toList(), 4, "signals");
    }

    static String cause(Incident i) {
        if (i.verdict() == null) return "_diagnosing..._";
        if (i.verdict().likelyCause() == null) return "nothing wrong found on the Docker host itself";
        return esc(i.verdict().likelyCause());
    }

    static List<String> timeline(Incident i, ZoneId zone) {
        List<TimelineEntry> all = i.timeline();
        Instant first = all.isEmpty() ? i.openedAt() : all.get(0).at();
        Instant last = all.isEmpty() ? i.updatedAt() : all.get(all.size() - 1).at();
        List<String> lines = new ArrayList<>();
        int from = Math.max(0, all.size() - MAX_TIMELINE);
        int earlier = from + i.timelineDropped();
        if (earlier > 0) lines.add("... " + earlier + " earlier " + (earlier == 1 ? "entry" : "entries"));
        for (TimelineEntry e : all.subList(from, all.size())) {
            lines.add(when(e.at(), zone, first, last) + "  " + Clip.text(e.text().replace('\n', ' '), 200));
        }
        return lines;
    }

    private static String when(Instant t, ZoneId zone, Instant first, Instant last) {
        boolean oneDay = first.atZone(zone).toLocalDate().equals(last.atZone(zone).toLocalDate());
        return (oneDay ? TIME : DAY_TIME).format(t.atZone(zone));
    }

    static String fallback(Incident i, ViewContext c) {
        return esc(title(i, c).replaceFirst("^:[a-z_]+: ", "") + ": " + i.headline());
    }
}
