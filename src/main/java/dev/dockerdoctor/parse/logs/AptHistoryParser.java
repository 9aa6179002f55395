package dev.dockerdoctor.parse.logs;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /var/log/apt/history.log}: blocks separated by blank lines, {@code Start-Date: 2019-10-20  06:20:51}
 * (two spaces), {@code Commandline:}, {@code Requested-By:}, one line per action
 * ({@code Upgrade: docker-ce:amd64 (5:19.03.3~3-0~ubuntu-xenial, 5:19.03.4~3-0~ubuntu-xenial), ...}),
 * {@code Error:}, {@code End-Date:}. A block without a readable Start-Date is left out.
 */
public final class AptHistoryParser {
    private static final List<String> ACTIONS = List.of("Install", "Upgrade", "Downgrade", "Remove", "Purge", "Reinstall");

    private AptHistoryParser() {
    }

    public static List<AptRun> parse(String text) {
        List<AptRun> out = new ArrayList<>();
        List<String> block = new ArrayList<>();
        for (String line : text.split("\r?\n", -1)) {
            if (line.startsWith("Start-Date:") && !block.isEmpty()) {
                add(out, block);
                block = new ArrayList<>();
            }
            if (line.isBlank()) {
                add(out, block);
                block = new ArrayList<>();
            } else {
                block.add(line);
            }
        }
        add(out, block);
        return out;
    }

    private static void add(List<AptRun> out, List<String> block) {
        if (block.isEmpty()) return;
        AptRun run = parseBlock(block);
        if (run != null) out.add(run);
    }

    /** One block's lines (in file order); null when it has no Start-Date. */
    public static AptRun parseBlock(List<String> lines) {
        LocalDateTime start = null;
        LocalDateTime end = null;
        String cmd = null;
        String by = null;
        String error = null;
        List<PackageChange> changes = new ArrayList<>();
        for (String line : lines) {
            int colon = line.indexOf(": ");
            if (colon < 0) continue;
            String key = line.substring(0, colon);
            String value = line.substring(colon + 2).strip();
            switch (key) {
                case "Start-Date" -> start = date(value);
                case "End-Date" -> end = date(value);
                case "Commandline" -> cmd = value;
                case "Requested-By" -> by = value;
                case "Error" -> error = value;
                default -> {
                    if (ACTIONS.contains(key)) changes.addAll(changes(key, value));
                }
            }
        }
        if (start == null) return null;
        return new AptRun(start, end, cmd, by, changes, error, lines);
    }

    /** The entries of one action line's value: {@code pkg:arch (v1, v2), pkg2:arch (v)}. */
    public static List<PackageChange> changes(String action, String list) {
        // by hand, not by regex: the first regex of a cold CLI costs tens of milliseconds
        List<PackageChange> out = new ArrayList<>();
        int i = 0;
        int n = list.length();
        while (i < n) {
            while (i < n && (list.charAt(i) == ' ' || list.charAt(i) == ',')) i++;
            int specStart = i;
            while (i < n && list.charAt(i) != ' ' && list.charAt(i) != '(' && list.charAt(i) != ',') i++;
            String spec = list.substring(specStart, i);
            while (i < n && list.charAt(i) == ' ') i++;
            if (spec.isEmpty() || i >= n || list.charAt(i) != '(') continue;
            int close = list.indexOf(')', i);
            if (close < 0) break;
            List<String> parts = new ArrayList<>(3);
            for (String p : list.substring(i + 1, close).split(",")) {
                String v = p.strip();
                if (!v.isEmpty()) parts.add(v);
            }
            i = close + 1;
            int c = spec.indexOf(':');
            String name = c < 0 ? spec : spec.substring(0, c);
            String arch = c < 0 ? null : spec.substring(c + 1);
            boolean automatic = parts.remove("automatic");
            String first = parts.isEmpty() ? null : parts.get(0);
            String second = parts.size() > 1 ? parts.get(1) : null;
            switch (action) {
                case "Install" -> out.add(new PackageChange(action, name, arch, null, first, automatic));
                case "Upgrade", "Downgrade" -> out.add(new PackageChange(action, name, arch, first, second, automatic));
                case "Remove", "Purge" -> out.add(new PackageChange(action, name, arch, first, null, automatic));
                default -> out.add(new PackageChange(action, name, arch, first, first, automatic));
            }
        }
        return out;
    }

    /** {@code 2019-10-20  06:20:51} (any number of spaces between date and time), or null. */
    public static LocalDateTime date(String text) {
        return Dates.localDateTime(text, 0);
    }
}
