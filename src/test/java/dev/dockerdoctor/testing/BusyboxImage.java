package dev.dockerdoctor.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

/**
 * The tar that becomes {@code local/busybox} by {@code docker import}: the static busybox at /bin/busybox, its applet
 * links, an empty /tmp and a /www/index.html for {@code httpd -f -p 80 -h /www}. There is no registry here, so this
 * is the only image tests have. Built once per JVM.
 */
public final class BusyboxImage {
    public static final String NAME = "local/busybox";
    public static final Path BUSYBOX = Path.of("/bin/busybox");
    static final List<String> APPLETS = List.of("sh", "sleep", "httpd", "cat", "echo", "ls", "true", "false", "wget",
            "env", "ps", "mkdir", "rm", "touch", "grep", "printf", "kill", "hostname", "id", "head", "tail", "nc", "date");

    private static Path tar;

    private BusyboxImage() {
    }

    public static boolean available() {
        return Files.isExecutable(BUSYBOX);
    }

    /** The image tar, made on first use in a temp folder removed when the JVM exits. */
    public static synchronized Path tar() {
        if (tar != null && Files.exists(tar)) return tar;
        try {
            Path dir = Files.createTempDirectory(Path.of("/tmp"), "dd-img-");
            Path rootfs = Files.createDirectories(dir.resolve("rootfs"));
            Path bin = Files.createDirectories(rootfs.resolve("bin"));
            Files.copy(BUSYBOX, bin.resolve("busybox"));
            for (String applet : APPLETS) Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
            Path tmp = Files.createDirectories(rootfs.resolve("tmp"));
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
            Files.writeString(Files.createDirectories(rootfs.resolve("www")).resolve("index.html"), "ok\n");
            Path out = dir.resolve("busybox.tar");
            Command.run(List.of("tar", "-C", rootfs.toString(), "-cf", out.toString(), "."), Duration.ofSeconds(30)).orThrow();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> Rig.deleteTree(dir)));
            tar = out;
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the busybox image tar", e);
        }
    }
}
