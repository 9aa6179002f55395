package dev.dockerdoctor.slack;

import dev.dockerdoctor.parse.Since;
import dev.dockerdoctor.slack.message.Mrkdwn;
import dev.dockerdoctor.slack.message.Subcommand;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@code /docker-status [help|root|logs [window]|compose|plan|share]} asked for. Anything else becomes
 * {@link Subcommand#HELP} with a {@code problem} saying what was not understood.
 *
 * @param since  start of the log window (24 h back unless {@code logs} names one)
 * @param window the window as typed (for the title), or null
 */
public record StatusRequest(Subcommand view, Instant since, String window, String problem) {

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

    private static StatusRequest help(String problem) {
        return new StatusRequest(Subcommand.HELP, null, null, problem);
    }
}
