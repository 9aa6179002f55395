package dev.dockerdoctor.slack.message;

import java.util.ArrayList;
import java.util.List;

/** Shortening that says what it left out ("... and N more"), for lists and for text with a length limit. */
public final class Clip {
    /** What one text section holds, kept under Slack's 3000 characters with room for the markup around it. */
    public static final int TEXT_BUDGET = 2900;
    /** The longest detail a finding or a step shows in chat; the host's report has the rest. */
    public static final int MAX_DETAIL = 900;

    private Clip() {
    }

    /**
     * At most {@code max} characters. Whole lines are kept while they fit, then "... and N more lines"; a single line
     * that is too long is cut with "... and N more characters".
     */
    public static String text(String s, int max) {
        if (s == null || s.length() <= max) return s;
        String[] lines = s.split("\n", -1);
        int len = 0;
        int kept = 0;
        for (; kept < lines.length; kept++) {
            int add = (kept == 0 ? 0 : 1) + lines[kept].length();
            int rest = lines.length - kept - 1;
            int suffix = rest == 0 ? 0 : ("\n" + more(rest, "lines")).length();
            if (len + add + suffix > max) break;
            len += add;
        }
        if (kept > 0) {
            return String.join("\n", java.util.Arrays.asList(lines).subList(0, kept)) + "\n"
                    + more(lines.length - kept, "lines");
        }
        return chars(s, max);
    }

    private static String chars(String s, int max) {
        // the suffix is sized for the whole length, so it never grows past what is left
        String longest = "... and " + s.length() + " more characters";
        if (max < longest.length() + 10) return s.substring(0, Math.max(0, max - 3)) + "...";
        String head = s.substring(0, max - longest.length());
        if (Character.isHighSurrogate(head.charAt(head.length() - 1))) head = head.substring(0, head.length() - 1);
        return head + "... and " + (s.length() - head.length()) + " more characters";
    }

    /** At most {@code max} items; when there are more, the last kept slot says "... and N more {noun}". */
    public static List<String> list(List<String> items, int max, String noun) {
        if (items.size() <= max) return items;
        List<String> out = new ArrayList<>(items.subList(0, Math.max(0, max - 1)));
        out.add(more(items.size() - out.size(), noun));
        return out;
    }

    public static String more(int n, String noun) {
        return "... and " + n + " more" + (noun == null || noun.isEmpty() ? "" : " " + noun);
    }

    /** Lines under a title, packed into as few text parts as fit Slack's section limit. */
    public static List<Part> paragraphs(String title, List<String> lines) {
        return paragraphs(title, lines, 1000);
    }

    public static List<Part> paragraphs(String title, List<String> lines, int maxLine) {
        List<Part> out = new ArrayList<>();
        StringBuilder b = new StringBuilder(title == null ? "" : title);
        for (String line : lines) {
            String l = Clip.text(line, maxLine);
            if (b.length() > 0 && b.length() + 1 + l.length() > TEXT_BUDGET) {
                out.add(new Part.Text(b.toString()));
                b.setLength(0);
            }
            if (b.length() > 0) b.append('\n');
            b.append(l);
        }
        if (b.length() > 0) out.add(new Part.Text(b.toString()));
        return out;
    }
}
