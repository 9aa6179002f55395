package dev.dockerdoctor.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads dockerd's own flags from an argv (a process's cmdline, a unit's ExecStart, DOCKER_OPTS): {@code --data-root}
 * and its legacy spellings {@code -g} / {@code --graph}, {@code --storage-driver} / {@code -s}, {@code -H}/{@code --host},
 * {@code --config-file}, {@code --pidfile}/{@code -p}. Accepts {@code --flag value} and {@code --flag=value}.
 */
public final class DockerdFlags {
    /** A flag found: the spelling used and its value. */
    public record Flag(String name, String value) {
    }

    private static final List<String> DATA_ROOT = List.of("--data-root", "--graph", "-g");
    private static final List<String> STORAGE_DRIVER = List.of("--storage-driver", "-s");
    private static final List<String> HOST = List.of("--host", "-H");
    private static final List<String> CONFIG_FILE = List.of("--config-file");
    private static final List<String> PIDFILE = List.of("--pidfile", "-p");

    private DockerdFlags() {
    }

    public static Optional<Flag> dataRoot(List<String> argv) { return last(argv, DATA_ROOT); }

    public static Optional<Flag> storageDriver(List<String> argv) { return last(argv, STORAGE_DRIVER); }

    public static Optional<Flag> configFile(List<String> argv) { return last(argv, CONFIG_FILE); }

    public static Optional<Flag> pidFile(List<String> argv) { return last(argv, PIDFILE); }

    public static List<String> hosts(List<String> argv) {
        return all(argv, HOST).stream().map(Flag::value).toList();
    }

    /** True when argv runs dockerd (possibly through a wrapper path such as /usr/bin/dockerd). */
    public static boolean isDockerd(List<String> argv) {
        if (argv.isEmpty()) return false;
        String exe = argv.get(0);
        String base = exe.substring(exe.lastIndexOf('/') + 1);
        return base.equals("dockerd");
    }

    private static Optional<Flag> last(List<String> argv, List<String> names) {
        List<Flag> all = all(argv, names);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    private static List<Flag> all(List<String> argv, List<String> names) {
        List<Flag> out = new ArrayList<>();
        for (int i = 0; i < argv.size(); i++) {
            String a = argv.get(i);
            for (String n : names) {
                if (a.equals(n) && i + 1 < argv.size()) {
                    out.add(new Flag(n, argv.get(i + 1)));
                } else if (a.startsWith(n + "=")) {
                    out.add(new Flag(n, a.substring(n.length() + 1)));
                } else if (n.length() == 2 && a.startsWith(n) && a.length() > 2 && !a.startsWith("--")) {
                    out.add(new Flag(n, a.substring(2))); // -g/data, -Hunix://...
                }
            }
        }
        return out;
    }
}
