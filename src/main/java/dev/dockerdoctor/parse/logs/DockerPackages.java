package dev.dockerdoctor.parse.logs;

import java.util.List;

/**
 * The packages whose upgrade stops and restarts Docker: the engine, its CLI, containerd and runc, under the names
 * Docker's own repository (docker-ce, containerd.io), Debian/Ubuntu (docker.io, containerd, runc) and Microsoft's
 * Moby builds (moby-engine, moby-containerd, ...) give them.
 */
public final class DockerPackages {
    /** Names (without architecture) in the order a hold or blacklist lists them. */
    public static final List<String> NAMES = List.of("docker-ce", "docker-ce-cli", "docker-engine", "docker.io",
            "containerd", "containerd.io", "runc");
    /** The docker snap, as its refreshes name it on the timeline (its revisions are its versions). */
    public static final String SNAP = "docker snap";
    /** A family matched by prefix. */
    public static final String MOBY_PREFIX = "moby-";

    private DockerPackages() {
    }

    /** Whether a package (name, with or without {@code :arch}) belongs to the family. */
    public static boolean isDockerFamily(String pkg) {
        if (pkg == null) return false;
        if (pkg.equals(SNAP)) return true;
        int colon = pkg.indexOf(':');
        String name = colon < 0 ? pkg : pkg.substring(0, colon);
        return NAMES.contains(name) || (name.startsWith(MOBY_PREFIX) && name.length() > MOBY_PREFIX.length());
    }
}
