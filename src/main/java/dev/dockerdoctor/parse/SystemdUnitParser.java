package dev.dockerdoctor.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads what matters of a systemd unit or drop-in for docker.service: the ExecStart= values of its [Service]
 * section, with continuation lines joined. An empty value is kept: it is systemd's reset of the list.
 */
public final class SystemdUnitParser {
    private SystemdUnitParser() {
    }

    public static List<String> execStart(String text) {
        return values(text, "Service", "ExecStart");
    }

    public static List<String> values(String text, String section, String key) {
        List<String> out = new ArrayList<>();
        if (text == null) return out;
        String current = null;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            StringBuilder line = new StringBuilder(lines[i].strip());
            // a trailing backslash continues the line; comment lines inside a continuation are skipped by systemd
            boolean continued = line.length() > 0 && line.charAt(line.length() - 1) == '\\';
            while (continued && i + 1 < lines.length) {
                if (line.charAt(line.length() - 1) == '\\') line.setLength(line.length() - 1);
                while (line.length() > 0 && Character.isWhitespace(line.charAt(line.length() - 1))) line.setLength(line.length() - 1);
                String next = lines[++i].strip();
                if (next.startsWith("#") || next.startsWith(";")) continue;
                line.append(' ').append(next);
                continued = next.endsWith("\\");
            }
            String l = line.toString().strip();
            if (l.isEmpty() || l.startsWith("#") || l.startsWith(";")) continue;
            if (l.startsWith("[") && l.endsWith("]")) {
                current = l.substring(1, l.length() - 1).strip();
                continue;
            }
            if (!section.equals(current)) continue;
            int eq = l.indexOf('=');
            if (eq < 0) continue;
            if (l.substring(0, eq).strip().equals(key)) out.add(l.substring(eq + 1).strip());
        }
        return out;
    }

    /** Removes systemd's command prefixes ({@code -}, {@code @}, {@code +}, {@code !}, {@code :}) from an ExecStart. */
    public static List<String> argv(String execStart) {
        List<String> words = CommandLine.split(execStart);
        if (!words.isEmpty()) {
            String first = words.get(0).replaceFirst("^[-@+!:]+", "");
            words.set(0, first);
        }
        return words;
    }

    /**
     * The ExecStart that applies after a base unit and its drop-ins (in order): each empty value clears what came
     * before; the last non-empty value wins (docker.service is Type=notify, which allows one).
     */
    public static String effective(List<List<String>> execStartsInOrder) {
        String result = null;
        for (List<String> values : execStartsInOrder) {
            for (String v : values) result = v.isEmpty() ? null : v;
        }
        return result;
    }
}
