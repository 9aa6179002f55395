package dev.dockerdoctor.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Today's Docker Engine beside the machine's own: what {@code ../shared/tools/modern-docker} installs (Debian's newest
 * docker.io, 28.5 with containerd 2.1, into {@code /usr/local/lib/docker-modern}; {@code .ci/run} installs it). Tests
 * that need it skip with a message where it is missing, and fail instead with DOCTOR_REQUIRE_DOCKER=1.
 */
public final class ModernDocker {
    /** Where the tool puts it; DOCTOR_MODERN_DOCKER names another place. */
    public static final Path DEFAULT_PREFIX = Path.of("/usr/local/lib/docker-modern");

    private ModernDocker() {
    }

    public static Path prefix() {
        String p = System.getenv("DOCTOR_MODERN_DOCKER");
        return p == null || p.isBlank() ? DEFAULT_PREFIX : Path.of(p);
    }

    /** Its bin folder; skips (or fails) the test when it is not installed. */
    public static Path bin() {
        Path bin = prefix().resolve("bin");
        if (!Files.isExecutable(bin.resolve("dockerd")) || !Files.isExecutable(bin.resolve("docker"))) {
            Rig.skipOrFail("modern-engine test skipped: no Docker Engine in " + prefix()
                    + " (install it with ../shared/tools/modern-docker)");
        }
        return bin;
    }
}
