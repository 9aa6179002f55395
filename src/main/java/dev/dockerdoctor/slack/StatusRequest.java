package dev.dockerdoctor.slack;

import dev.dockerdoctor.parse.Since;
import dev.dockerdoctor.slack.message.Mrkdwn;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@code /docker-status [help|root|logs [window]|compose|plan|share]} asked for. Anything else becomes
 * {@link View#HELP} with a {@code problem} saying what was not understood.
 *
 * @param since  start of the log window (24 h back unless {@code logs} names one)
 * @param window the window as typed (for the title), or null
 */
public record StatusRequest(View view, Instant since, String window, String problem) {

    public enum View { REPORT, HELP, ROOT, LOGS, COMPOSE, PLAN, SHARE }

    public static StatusRequest parse(String text, Instant now, ZoneId zone) {
        List<String> words = text == null ? List.of()
                : Arrays.stream(text.trim().split("\\s+")).filter(w -> !w.isEmpty()).toList();
        Instant dflt = now.minus(Since.DEFAULT);
        if (words.isEmpty()) return new StatusRequest(View.REPORT, dflt, null, null);
        String verb = words.get(0).toLowerCase(Locale.ROOT);
        View view = switch (verb) {
            case "help" -> View.HELP;
            case "root" -> View.ROOT;
            case "logs", "log" -> View.LOGS;
            case "compose" -> View.COMPOSE;
            case "plan" -> View.PLAN;
            case "share" -> View.SHARE;
            default -> null;
        };
        if (view == null) {
            return help("I don't know " + Mrkdwn.code(words.get(0)) + ".");
        }
        if (view == View.LOGS && words.size() == 2) {
            Optional<Instant> since = Since.parse(words.get(1), now, zone);
            if (since.isEmpty() || since.get().isAfter(now)) {
                return help(Mrkdwn.code("logs") + " takes a window like " + Mrkdwn.code("90m") + ", "
                        + Mrkdwn.code("24h") + ", " + Mrkdwn.code("7d") + " or an ISO time; "
                        + Mrkdwn.code(words.get(1)) + " is none of those.");
            }
            return new StatusRequest(View.LOGS, since.get(), words.get(1), null);
        }
        if (words.size() > 1) {
            return help(Mrkdwn.code(verb) + " takes no " + (view == View.LOGS ? "more than one argument" : "arguments") + ".");
        }
        return new StatusRequest(view, dflt, view == View.LOGS ? "24h" : null, null);
    }

    private static StatusRequest help(String problem) {
        return new StatusRequest(View.HELP, null, null, problem);
    }
}
