package dev.dockerdoctor.fleet;

import java.util.Locale;
import java.util.regex.Pattern;

/** A host's name in the fleet: what Slack shows, what {@code /docker-status NAME} takes, and a file-safe word. */
public final class HostName {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{0,62}");

    private HostName() {
    }

    public static boolean valid(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** A machine's hostname as a fleet name: lower-cased, its domain kept (two hosts may share a short name). */
    public static String of(String hostname) {
        String n = hostname == null ? "" : hostname.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
        n = n.replaceAll("^[^a-z0-9]+", "");
        if (n.length() > 63) n = n.substring(0, 63);
        return valid(n) ? n : "host";
    }

    public static String problem(String name) {
        return "a host name is 1 to 63 of a-z, 0-9, '.' and '-', starting with a letter or digit; "
                + (name == null || name.isEmpty() ? "none was given" : "'" + name + "' is not one");
    }
}
