package dev.dockerdoctor.slack.message;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static dev.dockerdoctor.slack.message.Mrkdwn.bold;
import static dev.dockerdoctor.slack.message.Mrkdwn.code;
import static dev.dockerdoctor.slack.message.Mrkdwn.esc;

/**
 * {@code /docker-status} on a hub with agents: one line per host, worst first (a host that does not report: since
 * when), and how to ask for one host's report. Read on a phone: the title counts what matters, healthy hosts last.
 */
public final class FleetViews {
    /** Lines shown; a fleet larger than this lists its worst and counts the rest. */
    static final int MAX_LINES = 120;

    private FleetViews() {
    }

    public static Message summary(List<HostLine> hosts, ZoneId zone) {
        List<HostLine> sorted = hosts.stream().sorted(Comparator.comparingInt(HostLine::rank).thenComparing(HostLine::name)).toList();
        long silent = sorted.stream().filter(h -> !h.reporting()).count();
        long critical = sorted.stream().filter(h -> h.reporting() && "critical".equals(h.level())).count();
        long warning = sorted.stream().filter(h -> h.reporting() && "warning".equals(h.level())).count();
        List<String> counts = new ArrayList<>();
        if (silent > 0) counts.add(silent + " not reporting");
        if (critical > 0) counts.add(critical + " critical");
        if (warning > 0) counts.add(warning + " with warnings");
        String title = Mrkdwn.count(sorted.size(), "host", "hosts") + ": "
                + (counts.isEmpty() ? "all healthy" : String.join(", ", counts));
        List<String> lines = Clip.list(sorted.stream().map(h -> line(h, zone)).toList(), MAX_LINES,
                "hosts, healthier than those above");
        List<Part> parts = new ArrayList<>();
        parts.add(new Part.Header(title));
        parts.addAll(Clip.paragraphs(null, lines, 300));
        String example = sorted.stream().filter(h -> !h.self() && h.reporting()).findFirst().map(HostLine::name).orElse("NAME");
        parts.add(Part.Note.of("One host's report: " + code(ViewContext.COMMAND + " " + example) + "; its plan: "
                + code(ViewContext.COMMAND + " " + example + " plan") + ". Without a name, the subcommands are this hub's own host's."));
        return new Message(title, parts);
    }

    static String line(HostLine h, ZoneId zone) {
        String name = bold(esc(h.name())) + (h.self() ? " (this hub)" : "");
        if (!h.reporting()) {
            return ":black_circle: " + name + ": not reporting" + (h.lastSeen() == null ? ", never has"
                    : " since " + Mrkdwn.date(h.lastSeen(), zone));
        }
        String dot = h.level() == null ? ":white_circle:" : switch (h.level()) {
            case "critical" -> ":red_circle:";
            case "warning" -> ":large_orange_circle:";
            default -> ":large_green_circle:";
        };
        return dot + " " + name + ": " + (h.headline() == null ? "no diagnosis yet" : esc(Mrkdwn.oneLine(h.headline())));
    }

    /** A name that is neither a subcommand nor a host of the fleet. */
    public static Message unknownHost(String word, List<HostLine> hosts) {
        List<String> names = hosts.stream().map(HostLine::name).sorted().map(Mrkdwn::code).toList();
        return new Message("No host or subcommand " + word, List.of(new Part.Text(":grey_question: " + code(word)
                + " is neither a subcommand nor a host of this fleet. Hosts: " + String.join(", ", Clip.list(names, 30, "hosts"))
                + ". " + code(ViewContext.COMMAND + " help") + " lists the subcommands.")));
    }

    /** The host's agent did not answer. */
    public static Message hostAway(String host) {
        return new Message(host + " does not answer", List.of(new Part.Text(":black_circle: " + bold(esc(host))
                + "'s agent does not answer the hub right now, so I cannot check it. On the host itself, "
                + code("docker-doctor diagnose") + " still works; " + code(ViewContext.COMMAND) + " shows since when it is silent.")));
    }
}
