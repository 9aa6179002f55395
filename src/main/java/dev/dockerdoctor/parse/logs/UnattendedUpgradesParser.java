package dev.dockerdoctor.parse.logs;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /var/log/unattended-upgrades/unattended-upgrades.log}. Its messages are translated (German: "Skript für
 * unbeaufsichtigte Upgrades wird gestartet."), so runs are found by time, not by text: a run is a burst of lines,
 * and a silence longer than the gap separates two runs.
 */
public final class UnattendedUpgradesParser {
    /** Silence that separates two runs. Runs take seconds to minutes; the timer fires once a day. */
    public static final Duration RUN_GAP = Duration.ofMinutes(30);

    private UnattendedUpgradesParser() {
    }

    /** The line, or null when it does not start with {@code YYYY-MM-DD HH:MM:SS,mmm LEVEL}. */
    public static UnattendedLine parse(String line) {
        if (line == null || line.length() < 25 || line.charAt(19) != ',') return null;
        LocalDateTime t = Dates.localDateTime(line, 0);
        if (t == null) return null;
        int i = 20;
        int ms = 0;
        int digits = 0;
        while (i < line.length() && Character.isDigit(line.charAt(i)) && digits < 9) {
            ms = ms * 10 + (line.charAt(i) - '0');
            i++;
            digits++;
        }
        if (digits == 0 || i >= line.length() || line.charAt(i) != ' ') return null;
        int levelEnd = line.indexOf(' ', i + 1);
        if (levelEnd < 0) levelEnd = line.length();
        String level = line.substring(i + 1, levelEnd);
        if (level.isEmpty()) return null;
        for (int k = 0; k < level.length(); k++) {
            char c = level.charAt(k);
            if (c < 'A' || c > 'Z') return null;
        }
        long nanos = digits == 3 ? ms * 1_000_000L : (long) (ms * Math.pow(10, 9 - digits));
        String message = levelEnd < line.length() ? line.substring(levelEnd + 1) : "";
        return new UnattendedLine(t.withNano((int) nanos), level, message);
    }

    /** A run: its first and last line; {@code finished} when a silence after it shows it ended. */
    public record Run(UnattendedLine first, UnattendedLine last, boolean finished) {
    }

    /**
     * The runs among lines in time order. The last run counts as finished only when {@code now} is a gap past its
     * last line (it may still be running otherwise).
     */
    public static List<Run> runs(List<UnattendedLine> lines, Duration gap, LocalDateTime now) {
        List<Run> out = new ArrayList<>();
        UnattendedLine first = null;
        UnattendedLine prev = null;
        for (UnattendedLine l : lines) {
            if (prev != null && Duration.between(prev.time(), l.time()).compareTo(gap) > 0) {
                out.add(new Run(first, prev, true));
                first = null;
            }
            if (first == null) first = l;
            prev = l;
        }
        if (prev != null) {
            out.add(new Run(first, prev, now != null && Duration.between(prev.time(), now).compareTo(gap) > 0));
        }
        return out;
    }
}
