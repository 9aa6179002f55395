package dev.dockerdoctor.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Small operations on a dockerd argv tail ({@code --name value}, {@code --name=value}, bare {@code --switch}). */
public final class DaemonFlags {
    /** The spellings dockerd accepts for its data root. */
    public static final Set<String> DATA_ROOT_NAMES = Set.of("--data-root", "-g", "--graph");

    private DaemonFlags() {
    }

    /** The flags without every occurrence of the named ones (and their values). */
    public static List<String> without(List<String> flags, String... names) {
        Set<String> drop = Set.of(names);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < flags.size(); i++) {
            String f = flags.get(i);
            String name = nameOf(f);
            if (drop.contains(name)) {
                if (!f.contains("=") && hasValue(flags, i)) i++;
                continue;
            }
            out.add(f);
        }
        return List.copyOf(out);
    }

    /** The flags plus more at the end. */
    public static List<String> with(List<String> flags, String... more) {
        List<String> out = new ArrayList<>(flags);
        out.addAll(List.of(more));
        return List.copyOf(out);
    }

    /** The value of the last occurrence of any of the names ({@code --x v} or {@code --x=v}). */
    public static Optional<String> value(List<String> flags, Set<String> names) {
        String found = null;
        for (int i = 0; i < flags.size(); i++) {
            String f = flags.get(i);
            if (!names.contains(nameOf(f))) continue;
            if (f.contains("=")) found = f.substring(f.indexOf('=') + 1);
            else if (hasValue(flags, i)) found = flags.get(i + 1);
        }
        return Optional.ofNullable(found);
    }

    public static boolean has(List<String> flags, String name) {
        return flags.stream().anyMatch(f -> nameOf(f).equals(name));
    }

    private static String nameOf(String flag) {
        int eq = flag.indexOf('=');
        return flag.startsWith("-") && eq > 0 ? flag.substring(0, eq) : flag;
    }

    // dockerd takes no positional arguments, so a token after a flag that is not itself a flag is its value
    private static boolean hasValue(List<String> flags, int i) {
        return i + 1 < flags.size() && !flags.get(i + 1).startsWith("-");
    }
}
