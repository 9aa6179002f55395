package dev.dockerdoctor.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Java base image made on this machine, for the image test: there is no registry here, so no
 * {@code eclipse-temurin}. A {@code jlink} runtime of this JDK at {@code /opt/java/openjdk} (where Temurin images keep
 * theirs), the C libraries it links (found with {@code ldd}, the ELF interpreter included), {@code /usr/bin/java}, an
 * empty {@code /tmp}; tarred for {@code docker import}. jlink takes ~40 s on two cores, so the tar is kept under
 * {@code target/it-jre/}, keyed by the JDK and the module list, and reused until {@code mvn clean}.
 */
public final class LocalJreImage {
    public static final String NAME = "local/jre:17";
    public static final String JAVA_HOME = "/opt/java/openjdk";
    /** {@code docker import --change} lines: what a Temurin image sets. */
    public static final List<String> CHANGES = List.of(
            "ENV JAVA_HOME=" + JAVA_HOME,
            "ENV PATH=" + JAVA_HOME + "/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");

    /**
     * What {@code jdeps --print-module-deps --ignore-missing-deps} says of the jar (it takes over a minute, too slow to
     * run each time), plus what it cannot see behind reflection and service loading: logging, the HTTP client, XML,
     * EC keys for TLS to Slack, zip file systems, extra charsets.
     */
    public static final List<String> MODULES = List.of("java.base", "java.compiler", "java.desktop", "java.logging",
            "java.management", "java.naming", "java.net.http", "java.scripting", "java.security.jgss", "java.sql",
            "java.xml", "jdk.charsets", "jdk.crypto.ec", "jdk.unsupported", "jdk.zipfs");

    private static final Pattern LDD_PATH = Pattern.compile("(?:=>\\s*)?(/\\S+)\\s+\\(0x");

    private LocalJreImage() {
    }

    /** Empty when this JDK can make the runtime, else why not. */
    public static Optional<String> whyNot() {
        Path home = Path.of(System.getProperty("java.home"));
        if (!Files.isExecutable(home.resolve("bin/jlink"))) return Optional.of("no jlink in " + home + " (a JRE, not a JDK)");
        if (!Files.isDirectory(home.resolve("jmods"))) return Optional.of("no jmods in " + home + " for jlink");
        if (Rig.executable("ldd").isEmpty()) return Optional.of("no ldd on PATH");
        return Optional.empty();
    }

    /** The image tar in {@code cacheDir}, made when missing. */
    public static synchronized Path tar(Path cacheDir) {
        return cachedTar(cacheDir, "jre", MODULES, new byte[0], (rootfs, work) -> { });
    }

    /** What an image adds to the root beside the runtime (its work folder is removed afterwards). */
    @FunctionalInterface
    interface RootfsAddition {
        void add(Path rootfs, Path work) throws IOException;
    }

    /**
     * A Java image's tar, cached in {@code cacheDir} under {@code prefix} and a key of this JDK, the modules and
     * {@code keyExtra}: a jlink runtime of {@code modules} at {@link #JAVA_HOME} with the C libraries it links,
     * {@code /usr/bin/java}, an empty {@code /tmp}, root's passwd line, then what {@code more} adds; tarred and moved
     * into place whole, so a half-made tar is never reused.
     */
    static Path cachedTar(Path cacheDir, String prefix, List<String> modules, byte[] keyExtra, RootfsAddition more) {
        cacheDir = cacheDir.toAbsolutePath();
        Path out = cacheDir.resolve(prefix + "-" + key(modules, keyExtra) + ".tar");
        if (Files.isRegularFile(out)) return out;
        Path work = null;
        try {
            Files.createDirectories(cacheDir);
            work = Files.createTempDirectory(cacheDir, "build-");
            Path rootfs = work.resolve("rootfs");
            Path runtime = rootfs.resolve(JAVA_HOME.substring(1));
            Files.createDirectories(runtime.getParent());
            Path jlink = Path.of(System.getProperty("java.home"), "bin", "jlink");
            Command.run(List.of(jlink.toString(), "--add-modules", String.join(",", modules), "--strip-debug",
                    "--no-header-files", "--no-man-pages", "--output", runtime.toString()), Duration.ofMinutes(4)).orThrow();
            for (Path lib : linkedLibraries(runtime)) {
                Path target = rootfs.resolve(lib.toString().substring(1));
                Files.createDirectories(target.getParent());
                Files.copy(lib, target, StandardCopyOption.REPLACE_EXISTING); // follows links: the real file, under the linked name
            }
            Path usrBin = Files.createDirectories(rootfs.resolve("usr/bin"));
            Files.createSymbolicLink(usrBin.resolve("java"), Path.of(JAVA_HOME, "bin", "java"));
            Path tmp = Files.createDirectories(rootfs.resolve("tmp"));
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
            Files.createDirectories(rootfs.resolve("root"));
            Files.writeString(Files.createDirectories(rootfs.resolve("etc")).resolve("passwd"), "root:x:0:0:root:/root:/bin/sh\n");
            more.add(rootfs, work);
            Path partial = work.resolve(prefix + ".tar");
            Command.run(List.of("tar", "--numeric-owner", "-C", rootfs.toString(), "-cf", partial.toString(), "."),
                    Duration.ofMinutes(2)).orThrow();
            Files.move(partial, out, StandardCopyOption.ATOMIC_MOVE);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the local " + prefix + " image tar", e);
        } finally {
            if (work != null) Rig.deleteTree(work);
        }
    }

    /** Every shared library the runtime's programs and libraries load, as ldd resolves them on this machine. */
    public static Set<Path> linkedLibraries(Path runtime) throws IOException {
        List<Path> elves = new ArrayList<>();
        try (Stream<Path> files = Files.walk(runtime)) {
            files.filter(Files::isRegularFile)
                    .filter(p -> p.startsWith(runtime.resolve("bin")) || p.getFileName().toString().endsWith(".so"))
                    .forEach(elves::add);
        }
        Set<Path> libs = new TreeSet<>();
        for (Path elf : elves) {
            // "not found" lines have no path: libraries only the desktop (X11, sound) needs, never loaded headless
            Command.Result r = Command.run(List.of("ldd", elf.toString()), Duration.ofSeconds(20));
            for (String line : r.stdout().split("\n")) {
                Matcher m = LDD_PATH.matcher(line.strip());
                if (!m.find()) continue;
                Path lib = Path.of(m.group(1));
                if (!lib.startsWith(runtime) && Files.exists(lib)) libs.add(lib);
            }
        }
        return libs;
    }

    private static String key(List<String> modules, byte[] extra) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String id = System.getProperty("java.home") + "|" + System.getProperty("java.vm.version") + "|" + String.join(",", modules);
            sha.update(id.getBytes(StandardCharsets.UTF_8));
            sha.update(extra);
            return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
