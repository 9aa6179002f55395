package dev.dockerdoctor.parse;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The newest Engine API each packaged Docker client speaks, pure. A client talks the daemon's API version down to its
 * own newest, never up, so a daemon whose minimum is above it refuses it ("client version 1.41 is too old. Minimum
 * supported API version is 1.44"), as Docker 29 does to everything older than 25. Compose v1 (the Python
 * docker-compose) stops at 1.41 whatever its version; Compose v2 is a Go client of its own time and is not judged here.
 */
public final class DockerClients {
    /** The packages whose clients are judged (Debian's and Docker's own names). */
    public static final Set<String> PACKAGES = Set.of("docker.io", "docker-cli", "docker-ce-cli", "docker-compose",
            "docker-ce", "containerd", "containerd.io", "docker-compose-plugin");
    private static final Pattern MAJOR_MINOR = Pattern.compile("^(?:\\d+:)?(\\d+)\\.(\\d+)");

    private DockerClients() {
    }

    /** The newest API the client of this package speaks, or empty when the package has no old client or is unknown. */
    public static Optional<String> newestApi(String pkg, String version) {
        Matcher m = MAJOR_MINOR.matcher(version == null ? "" : version);
        if (!m.find()) return Optional.empty();
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        if (pkg.equals("docker-compose")) return major < 2 ? Optional.of("1.41") : Optional.empty();
        if (!pkg.equals("docker.io") && !pkg.equals("docker-cli") && !pkg.equals("docker-ce-cli")) return Optional.empty();
        String api = switch (major) {
            case 18 -> "1.39";
            case 19 -> "1.40";
            case 20 -> "1.41";
            case 23 -> "1.42";
            case 24 -> "1.43";
            case 25 -> "1.44";
            case 26 -> "1.45";
            case 27 -> minor == 0 ? "1.46" : "1.47";
            case 28 -> minor == 0 ? "1.48" : minor == 1 ? "1.49" : minor <= 3 ? "1.50" : "1.51";
            default -> major < 18 ? "1.38" : null; // newer than this list: new enough
        };
        return Optional.ofNullable(api);
    }

    /** Whether API version {@code a} is older than {@code b} ("1.41" &lt; "1.44"). */
    public static boolean older(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int p = i < x.length ? Integer.parseInt(x[i]) : 0;
            int q = i < y.length ? Integer.parseInt(y[i]) : 0;
            if (p != q) return p < q;
        }
        return false;
    }
}
