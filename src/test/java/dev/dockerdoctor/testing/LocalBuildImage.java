package dev.dockerdoctor.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Dockerfile's build stage needs an image with Maven and a JDK, and CI has no registry (no
 * {@code maven:3.9-eclipse-temurin-17}): this makes one here. A jlink JDK runtime (with the compiler), this
 * machine's Maven, busybox for the {@code sh} the mvn script needs, and a Maven repository holding exactly what
 * {@code mvn package} of this project uses, taken from the local repository by a Maven run that uses it as its
 * only remote (so the build inside the image needs no network). Cached under {@code target/it-build/}, keyed by
 * the JDK, the modules and the pom, until {@code mvn clean} (the runtime part is {@link LocalJreImage}'s).
 */
public final class LocalBuildImage {
    public static final String NAME = "local/maven-build:17";
    static final String JAVA_HOME = "/opt/java/openjdk";
    static final String MAVEN_HOME = "/usr/share/maven";
    public static final List<String> CHANGES = List.of(
            "ENV JAVA_HOME=" + JAVA_HOME,
            "ENV MAVEN_HOME=" + MAVEN_HOME,
            "ENV PATH=" + JAVA_HOME + "/bin:" + MAVEN_HOME + "/bin:/usr/local/bin:/usr/bin:/bin",
            "ENV HOME=/root");
    static final List<String> MODULES = List.of("java.se", "jdk.compiler", "jdk.zipfs", "jdk.crypto.ec", "jdk.charsets",
            "jdk.unsupported", "jdk.management", "jdk.net", "jdk.jdi", "jdk.jfr", "jdk.httpserver", "jdk.security.auth",
            "jdk.xml.dom");

    private LocalBuildImage() {
    }

    /** Empty when this machine can make the image, else why not. */
    public static java.util.Optional<String> whyNot() {
        java.util.Optional<String> jre = LocalJreImage.whyNot();
        if (jre.isPresent()) return jre;
        if (!Files.isDirectory(Path.of(MAVEN_HOME, "lib"))) return java.util.Optional.of("no Maven in " + MAVEN_HOME);
        if (!Files.isExecutable(Path.of("/bin/busybox"))) return java.util.Optional.of("no /bin/busybox (apt install busybox-static)");
        if (!Files.isDirectory(localRepository())) return java.util.Optional.of("no local Maven repository at " + localRepository());
        return java.util.Optional.empty();
    }

    static Path localRepository() {
        return Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    /** The image tar in {@code cacheDir}, made when missing, for the project at {@code project}. */
    public static synchronized Path tar(Path cacheDir, Path project) {
        byte[] pom;
        try {
            pom = Files.readAllBytes(project.resolve("pom.xml"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the project's pom.xml", e);
        }
        return LocalJreImage.cachedTar(cacheDir, "build", MODULES, pom, (rootfs, work) -> {
            // Maven, its links into /usr/share/java and /etc/maven followed
            Files.createDirectories(rootfs.resolve("usr/share"));
            Command.run(List.of("cp", "-rL", MAVEN_HOME, rootfs.resolve("usr/share").toString()), Duration.ofMinutes(1)).orThrow();
            Path bin = Files.createDirectories(rootfs.resolve("bin"));
            Files.copy(Path.of("/bin/busybox"), bin.resolve("busybox"));
            for (String applet : Command.run(List.of("/bin/busybox", "--list"), Duration.ofSeconds(10)).stdout().split("\n")) {
                if (!applet.isBlank() && !Files.exists(bin.resolve(applet.strip()))) {
                    Files.createSymbolicLink(bin.resolve(applet.strip()), Path.of("busybox"));
                }
            }
            trimmedRepository(project, work, rootfs.resolve("root/.m2/repository"));
        });
    }

    /**
     * What {@code mvn package -DskipTests} of the project reads from a repository: a copy of the project built once
     * with a fresh local repository whose only remote, named central as in the image's build, is this machine's.
     */
    private static void trimmedRepository(Path project, Path work, Path repo) throws IOException {
        Path copy = work.resolve("project");
        Files.createDirectories(copy);
        for (String f : List.of("pom.xml", "LICENSE", "CHANGELOG.md")) Files.copy(project.resolve(f), copy.resolve(f));
        Command.run(List.of("cp", "-r", project.resolve("src").toString(), project.resolve("deploy").toString(), copy.toString()),
                Duration.ofMinutes(1)).orThrow();
        Path settings = work.resolve("settings.xml");
        Files.writeString(settings, "<settings><mirrors><mirror><id>central</id><mirrorOf>*</mirrorOf><url>"
                + localRepository().toUri() + "</url></mirror></mirrors></settings>\n", StandardCharsets.UTF_8);
        List<String> mvn = new ArrayList<>(List.of(Path.of(MAVEN_HOME, "bin", "mvn").toString(), "-B", "-q", "-s", settings.toString(),
                "-Dmaven.repo.local=" + repo, "package", "-DskipTests"));
        Command.run(mvn, copy, Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
                "JAVA_HOME", System.getProperty("java.home"), "HOME", System.getProperty("user.home")), Duration.ofMinutes(10)).orThrow();
    }
}
