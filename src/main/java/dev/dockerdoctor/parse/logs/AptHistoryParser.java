package dev.dockerdoctor.parse.logs;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /var/log/apt/history.log}: blocks separated by blank lines, {@code Start-Date: 2019-10-20  06:20:51}
 * (two spaces), {@code Commandline:}, {@code Requested-By:}, one line per action
 * ({@code Upgrade: docker-ce:amd64 (5:19.03.3~3-0~ubuntu-xenial, 5:19.03.4~3-0~ubuntu-xenial), ...}),
 * {@code Error:}, {@code End-Date:}. A block without a readable Start-Date is left out.
 */
public final class AptHistoryParser {
    private static final Pattern DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})\\s+(\\d{2}):(\\d{2}):(\\d{2})");
    private static final Pattern ENTRY = Pattern.compile("([^\\s,()]+) \\(([^)]*)\\)");
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
        List<PackageChange> out = new ArrayList<>();
        Matcher m = ENTRY.matcher(list);
        while (m.find()) {
            String spec = m.group(1);
            int c = spec.indexOf(':');
            String name = c < 0 ? spec : spec.substring(0, c);
            String arch = c < 0 ? null : spec.substring(c + 1);
            List<String> parts = new ArrayList<>(List.of(m.group(2).split(",\\s*")));
            boolean automatic = parts.remove("automatic");
            String first = parts.isEmpty() ? null : parts.get(0).strip();
            String second = parts.size() > 1 ? parts.get(1).strip() : null;
            switch (action) {
                case "Install" -> out.add(new PackageChange(action, name, arch, null, first, automatic));
                case "Upgrade", "Downgrade" -> out.add(new PackageChange(action, name, arch, first, second, automatic));
                case "Remove", "Purge" -> out.add(new PackageChange(action, name, arch, first, null, automatic));
                default -> out.add(new PackageChange(action, name, arch, first, first, automatic));
            }
        }
        return out;
    }

    /** {@code 2019-10-20  06:20:51} (any white space between date and time), or null. */
    public static LocalDateTime date(String text) {
        Matcher m = DATE.matcher(text);
        if (!m.lookingAt()) return null;
        try {
            return LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                    Math.min(59, Integer.parseInt(m.group(6))));
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }
}
