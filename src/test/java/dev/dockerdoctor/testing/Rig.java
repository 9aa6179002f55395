package dev.dockerdoctor.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What the real-Docker tests need from the machine, and the one place that decides between skipping and failing:
 * without root, dockerd or busybox a test is skipped with the reason, unless {@code DOCTOR_REQUIRE_DOCKER=1} asks for
 * a failure instead (CI on a machine that is supposed to have them).
 */
public final class Rig {
    public static final String REQUIRE_DOCKER_ENV = "DOCTOR_REQUIRE_DOCKER";
    private static final List<String> EXTRA_PATH = List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin");

    private Rig() {
    }

    public static boolean dockerRequired() {
        return "1".equals(System.getenv(REQUIRE_DOCKER_ENV));
    }

    /** Skips the calling test (or fails it when Docker is required) unless a private dockerd can run here. */
    public static void assumeDockerCanRun() {
        whyDockerCannotRun().ifPresent(Rig::skipOrFail);
    }

    /** Skips, or fails when {@code DOCTOR_REQUIRE_DOCKER=1}, with the given reason. */
    public static void skipOrFail(String reason) {
        skipOrFail(reason, dockerRequired());
    }

    static void skipOrFail(String reason, boolean required) {
        if (required) Assertions.fail(reason + " (and " + REQUIRE_DOCKER_ENV + "=1 requires Docker)");
        Assumptions.abort(reason + " (set " + REQUIRE_DOCKER_ENV + "=1 to make this a failure)");
    }

    /** Empty when a private daemon can run, else the reason in words. */
    public static Optional<String> whyDockerCannotRun() {
        if (!isRoot()) return Optional.of("real-Docker test skipped: needs root to start a private dockerd");
        for (String tool : List.of("dockerd", "containerd", "runc", "docker")) {
            if (executable(tool).isEmpty()) return Optional.of("real-Docker test skipped: no " + tool + " on PATH");
        }
        if (!BusyboxImage.available()) return Optional.of("real-Docker test skipped: no " + BusyboxImage.BUSYBOX + " (busybox-static)");
        return Optional.empty();
    }

    static boolean isRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("Uid:"))
                    .findFirst()
                    .map(l -> l.split("\\s+")[2].equals("0")) // effective uid
                    .orElse(false);
        } catch (IOException e) {
            return false;
        }
    }

    /** The absolute path of a program on PATH (plus the sbin folders root usually has). */
    public static Optional<Path> executable(String name) {
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) dirs.addAll(List.of(path.split(File.pathSeparator)));
        dirs.addAll(EXTRA_PATH);
        return dirs.stream().filter(d -> !d.isEmpty()).map(d -> Path.of(d, name)).filter(Files::isExecutable).findFirst();
    }

    /** A PATH that holds containerd, runc and docker-init for the daemon, whatever the JVM's PATH is. */
    static String daemonPath() {
        String path = System.getenv("PATH");
        List<String> dirs = new ArrayList<>(path == null ? List.of() : List.of(path.split(File.pathSeparator)));
        EXTRA_PATH.stream().filter(d -> !dirs.contains(d)).forEach(dirs::add);
        return String.join(File.pathSeparator, dirs);
    }

    /** Mount points at or below {@code dir}, deepest first (from /proc/self/mountinfo). */
    static List<Path> mountsUnder(Path dir) {
        List<Path> found = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                String[] f = line.split(" ");
                if (f.length < 5) continue;
                Path mp = Path.of(unescape(f[4]));
                if (mp.startsWith(dir)) found.add(mp);
            }
        } catch (IOException e) {
            return List.of();
        }
        found.sort(Comparator.comparingInt(Path::getNameCount).reversed());
        return found;
    }

    private static String unescape(String s) {
        return s.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\");
    }

    /** Lazily unmounts whatever a killed daemon left mounted below {@code dir}. */
    static void unmountUnder(Path dir) {
        for (Path mp : mountsUnder(dir)) {
            Command.run(List.of("umount", "-l", mp.toString()), Duration.ofSeconds(10));
        }
    }

    /** Deletes a tree without following links and without crossing into anything still mounted. */
    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) return;
        unmountUnder(dir);
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    try {
                        Files.deleteIfExists(d);
                    } catch (IOException e) {
                        // a busy mount point or a file that came back: leave it, the temp folder is ours
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // best effort: a leftover under /tmp/dd-* is harmless and named after the rig
        }
    }
}
