package dev.dockerdoctor.slack.message;

import java.util.List;

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
