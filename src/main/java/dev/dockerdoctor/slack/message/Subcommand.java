package dev.dockerdoctor.slack.message;

import dev.dockerdoctor.model.Diagnosis;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static dev.dockerdoctor.slack.message.Mrkdwn.code;

/**
 * Every {@code /docker-status} subcommand, said once: the word (and its aliases), what {@code help} says of it, and
 * the view that answers it. The help list follows the declaration order; the usage line and the parser read the
 * same entries. Adding a subcommand is an entry here and its view.
 */
public enum Subcommand {
    REPORT(null, "", "the report (only you see it)", (d, c, window, user) -> ReportViews.report(d, c)),
    ROOT("root", "", "where the data root is, where it should be, what is on disk", (d, c, window, user) -> ReportViews.root(d, c)),
    LOGS("logs", " [window]", "the timeline of upgrades and restarts, e.g. " + code("logs 6h") + ", " + code("logs 7d")
            + ", " + code("logs 2024-11-27T06:00:00Z") + " (default 24h)",
            (d, c, window, user) -> ReportViews.logs(d, c, window), "log"),
    COMPOSE("compose", "", "every compose project, each service running, stopped or missing",
            (d, c, window, user) -> ReportViews.compose(d, c)),
    PLAN("plan", "", "the steps that would fix it, in a safe order", (d, c, window, user) -> ReportViews.plan(d, c)),
    SHARE("share", "", "the report, posted for the whole channel", (d, c, window, user) -> ReportViews.report(d, c.sharedBy(user))),
    /** No view: answered by the watch without a diagnosis (SlackBot routes it there, MaintenanceViews words it). */
    MAINTENANCE("maintenance", " DURATION [reason] | end", "planned work (admins): no incident opens until it ends, e.g. "
            + code("maintenance 2h upgrading Docker") + "; " + code("maintenance end") + " ends it early", null),
    HELP("help", "", "this", (d, c, window, user) -> ReportViews.help(null));

    /** The view of a subcommand over a fresh diagnosis. */
    public interface View {
        Message of(Diagnosis d, ViewContext c, String window, String user);
    }

    private final String word;
    private final String arguments;
    private final String help;
    private final View view;
    private final List<String> aliases;

    Subcommand(String word, String arguments, String help, View view, String... aliases) {
        this.word = word;
        this.arguments = arguments;
        this.help = help;
        this.view = view;
        this.aliases = List.of(aliases);
    }

    /** The word typed after the command, or null for the bare command. */
    public String word() {
        return word;
    }

    public Message view(Diagnosis d, ViewContext c, String window, String user) {
        if (view == null) throw new IllegalStateException(this + " is answered without a diagnosis");
        return view.of(d, c, window, user);
    }

    public static Optional<Subcommand> of(String typed) {
        String w = typed.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.word != null && (s.word.equals(w) || s.aliases.contains(w))).findFirst();
    }

    /** The help list, one line each, in declaration order. */
    static List<String> helpLines(String command) {
        return Arrays.stream(values())
                .map(s -> "• " + code(s.word == null ? command : command + " " + s.word + s.arguments) + ": " + s.help)
                .toList();
    }

    /** e.g. {@code /docker-status [help|root|logs [window]|compose|plan|share]}: help first, it is what a lost user needs. */
    static String usage(String command) {
        List<String> words = Arrays.stream(values()).filter(s -> s.word != null && s != HELP).map(s -> s.word + s.arguments).toList();
        return command + " [" + HELP.word + "|" + String.join("|", words) + "]";
    }
}
