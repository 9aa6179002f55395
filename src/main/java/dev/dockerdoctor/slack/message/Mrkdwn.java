package dev.dockerdoctor.slack.message;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Slack's mrkdwn, escaped where it must be: {@code & < >} become entities (Slack's rule), and text that goes into a
 * code span loses its backticks, which cannot be escaped. Everything from the host (paths, log lines, names) passes
 * through here, so a container named {@code <!channel>} cannot ping anybody.
 */
public final class Mrkdwn {
    private Mrkdwn() {
    }

    public static String esc(String s) {
        if (s == null) return "";
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Inline code: {@code `text`}. */
    public static String code(String s) {
        String t = esc(s).replace('`', '\'');
        return t.isEmpty() ? "" : "`" + t + "`";
    }

    public static String bold(String s) {
        return "*" + esc(s).replace("*", "") + "*";
    }

    /** A user mention; ids that do not look like Slack ids are shown as text, never as markup. */
    public static String user(String id) {
        return id.matches("[UW][A-Z0-9]{2,20}") ? "<@" + id + ">" : code(id);
    }

    private static final DateTimeFormatter FALLBACK = DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ROOT);

    /**
     * A moment in each reader's own time zone: Slack's {@code <!date^...>} token ("today 06:20", "Dec 2 06:20"), with
     * the host's zone spelled out as the fallback for clients that do not render it (notifications, old clients).
     * Only for mrkdwn text: code blocks and plain text show the token as it is.
     */
    public static String date(Instant t, ZoneId fallbackZone) {
        return "<!date^" + t.getEpochSecond() + "^{date_short_pretty} {time}|" + FALLBACK.format(t.atZone(fallbackZone))
                + " " + esc(zoneName(fallbackZone)).replace("|", "") + ">";
    }

    /** A zone as a reader names it: "UTC" for UTC however it is spelled, else its id ("Europe/Berlin"). */
    public static String zoneName(ZoneId zone) {
        return zone.normalized().equals(java.time.ZoneOffset.UTC) ? "UTC" : zone.getId();
    }

    /** "a, b and c". */
    public static String and(List<String> items) {
        if (items.isEmpty()) return "";
        if (items.size() == 1) return items.get(0);
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    /** Plural: "1 container", "3 containers". */
    public static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    /** Escaped, on one line (for notification fallbacks). */
    public static String oneLine(String s) {
        return esc(s.replace('\n', ' '));
    }
}
