package dev.dockerdoctor.slack;

import dev.dockerdoctor.parse.Since;
import dev.dockerdoctor.slack.message.Mrkdwn;
import dev.dockerdoctor.slack.message.Subcommand;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@code /docker-status [help|root|logs [window]|compose|plan|share|maintenance ...]} asked for. Anything else
 * becomes {@link Subcommand#HELP} with a {@code problem} saying what was not understood.
 *
 * @param since       start of the log window (24 h back unless {@code logs} names one)
 * @param window      the window as typed (for the title), or null
 * @param maintenance what {@code maintenance} asked, or null for any other subcommand
 */
public record StatusRequest(Subcommand view, Instant since, String window, String problem, Maintain maintenance) {
    /** The longest maintenance window: a forgotten one must not silence the alarms for weeks. */
    public static final Duration MAX_MAINTENANCE = Duration.ofDays(7);
    public static final Duration MIN_MAINTENANCE = Duration.ofMinutes(1);

    /**
     * {@code maintenance} alone shows the window under way, {@code maintenance end} ends it, {@code maintenance 2h
     * upgrading Docker} starts one (or moves the end of the one under way).
     */
    public record Maintain(Action action, Duration length, String reason) {
        public enum Action { SHOW, START, END }
    }

    public StatusRequest(Subcommand view, Instant since, String window, String problem) {
        this(view, since, window, problem, null);
    }

    public static StatusRequest parse(String text, Instant now, ZoneId zone) {
        List<String> words = text == null ? List.of()
                : Arrays.stream(text.trim().split("\\s+")).filter(w -> !w.isEmpty()).toList();
        Instant dflt = now.minus(Since.DEFAULT);
        if (words.isEmpty()) return new StatusRequest(Subcommand.REPORT, dflt, null, null);
        String verb = words.get(0).toLowerCase(Locale.ROOT);
        Subcommand view = Subcommand.of(verb).orElse(null);
        if (view == null) {
            return help("I don't know " + Mrkdwn.code(words.get(0)) + ".");
        }
        if (view == Subcommand.MAINTENANCE) return maintenance(words.subList(1, words.size()), dflt);
        if (view == Subcommand.LOGS && words.size() == 2) {
            Optional<Instant> since = Since.parse(words.get(1), now, zone);
            if (since.isEmpty() || since.get().isAfter(now)) {
                return help(Mrkdwn.code("logs") + " takes a window like " + Mrkdwn.code("90m") + ", "
                        + Mrkdwn.code("24h") + ", " + Mrkdwn.code("7d") + " or an ISO time; "
                        + Mrkdwn.code(words.get(1)) + " is none of those.");
            }
            return new StatusRequest(Subcommand.LOGS, since.get(), words.get(1), null);
        }
        if (words.size() > 1) {
            return help(Mrkdwn.code(verb) + " takes no " + (view == Subcommand.LOGS ? "more than one argument" : "arguments") + ".");
        }
        return new StatusRequest(view, dflt, view == Subcommand.LOGS ? "24h" : null, null);
    }

    private static StatusRequest maintenance(List<String> args, Instant dflt) {
        if (args.isEmpty()) return new StatusRequest(Subcommand.MAINTENANCE, dflt, null, null, new Maintain(Maintain.Action.SHOW, null, ""));
        if (args.size() == 1 && args.get(0).equalsIgnoreCase("end")) {
            return new StatusRequest(Subcommand.MAINTENANCE, dflt, null, null, new Maintain(Maintain.Action.END, null, ""));
        }
        Optional<Duration> length = Since.duration(args.get(0));
        if (length.isEmpty() || length.get().compareTo(MIN_MAINTENANCE) < 0 || length.get().compareTo(MAX_MAINTENANCE) > 0) {
            return help(Mrkdwn.code("maintenance") + " takes how long it lasts, from " + Mrkdwn.code("1m") + " to "
                    + Mrkdwn.code("7d") + " (e.g. " + Mrkdwn.code("maintenance 2h upgrading Docker") + "), or "
                    + Mrkdwn.code("end") + "; " + Mrkdwn.code(args.get(0)) + " is neither.");
        }
        String reason = String.join(" ", args.subList(1, args.size()));
        return new StatusRequest(Subcommand.MAINTENANCE, dflt, null, null, new Maintain(Maintain.Action.START, length.get(), reason));
    }

    private static StatusRequest help(String problem) {
        return new StatusRequest(Subcommand.HELP, null, null, problem);
    }
}
