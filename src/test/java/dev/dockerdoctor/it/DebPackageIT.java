package dev.dockerdoctor.it;

import dev.dockerdoctor.testing.Command;
import dev.dockerdoctor.testing.DoctorCli;
import dev.dockerdoctor.testing.Rig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The .deb `mvn package` makes, installed for real by dpkg into a root of its own (its maintainer scripts run
 * there, under busybox's sh), then removed and purged: the files land where the unit and README say, the env file
 * is a conffile only root can read, the service is not started on install, and purge takes the state folder.
 */
class DebPackageIT {
    @TempDir
    Path tmp;

    @Test
    void theDebInstallsTheJarUnitFlagsEnvAndCompletionAndPurgeRemovesThem() throws IOException {
        Path deb;
        try (Stream<Path> s = Files.list(DoctorCli.jar().getParent())) {
            deb = s.filter(p -> p.getFileName().toString().matches("docker-doctor_.+_all\\.deb")).findFirst().orElse(null);
        }
        assertThat(deb).as("mvn package makes the .deb").isNotNull();
        if (Rig.executable("dpkg").isEmpty() || !Files.isExecutable(Path.of("/bin/busybox"))
                || !"root".equals(System.getProperty("user.name"))) {
            Rig.skipOrFail("the .deb install test needs root, dpkg and busybox (apt install busybox-static)");
            return;
        }
        Path root = tmp.resolve("root");
        Files.createDirectories(root.resolve("var/lib/dpkg/info"));
        Files.createDirectories(root.resolve("var/lib/dpkg/updates"));
        Files.createFile(root.resolve("var/lib/dpkg/status"));
        Files.createDirectories(root.resolve("bin"));
        Files.copy(Path.of("/bin/busybox"), root.resolve("bin/busybox"));
        for (String tool : List.of("sh", "rm", "echo", "cat")) Files.createSymbolicLink(root.resolve("bin/" + tool), Path.of("busybox"));
        Files.createDirectories(root.resolve("usr/bin"));

        Command.Result install = dpkg(root, "--force-depends", "-i", deb.toString());
        assertThat(install.exitCode()).as(install.stdout() + install.stderr()).isZero();
        assertThat(install.stdout()).contains("fill in /etc/docker-doctor/env, run 'docker-doctor check'");

        Path jar = root.resolve("opt/docker-doctor/docker-doctor.jar");
        assertThat(jar).isRegularFile();
        assertThat(root.resolve("lib/systemd/system/docker-doctor.service")).content()
                .contains("ExecStart=/usr/bin/java @/opt/docker-doctor/jvm.options -jar /opt/docker-doctor/docker-doctor.jar serve");
        assertThat(root.resolve("lib/systemd/system/docker-doctor-agent.service")).content()
                .contains("ExecStart=/usr/bin/java @/opt/docker-doctor/jvm.options -jar /opt/docker-doctor/docker-doctor.jar agent");
        assertThat(root.resolve("usr/bin/docker-doctor")).content()
                .contains("java @/opt/docker-doctor/jvm.options -jar /opt/docker-doctor/docker-doctor.jar \"$@\"");
        Path env = root.resolve("etc/docker-doctor/env");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(env))).isEqualTo("rw-------");
        assertThat(Files.readString(env)).contains("SLACK_BOT_TOKEN=\n").doesNotContainPattern("xox[bp]-[0-9]");
        assertThat(root.resolve("var/lib/dpkg/info/docker-doctor.conffiles")).content().contains("/etc/docker-doctor/env");
        assertThat(root.resolve("usr/share/bash-completion/completions/docker-doctor")).content().contains("complete -F");
        assertThat(root.resolve("usr/share/doc/docker-doctor/copyright")).content().contains("MIT License");
        assertThat(root.resolve("usr/share/man/man1/docker-doctor.1")).content().startsWith(".TH DOCKER-DOCTOR 1 ");

        // the installed jar and flags run: the same java line the unit and the wrapper use
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + root.resolve("opt/docker-doctor/jvm.options"), "-jar", jar.toString(), "--version"));
        Command.Result version = Command.run(argv, Duration.ofSeconds(60));
        assertThat(version.exitCode()).as(version.stderr()).isZero();
        assertThat(version.stdout()).startsWith("docker-doctor ");

        // an edited env file survives remove; purge takes it, and the state folder
        Files.writeString(env, "SLACK_BOT_TOKEN=edited\n");
        Files.createDirectories(root.resolve("var/lib/docker-doctor"));
        Files.writeString(root.resolve("var/lib/docker-doctor/audit.jsonl"), "{}\n");
        assertThat(dpkg(root, "-r", "docker-doctor").exitCode()).isZero();
        assertThat(jar).doesNotExist();
        assertThat(env).content().isEqualTo("SLACK_BOT_TOKEN=edited\n");
        assertThat(root.resolve("var/lib/docker-doctor/audit.jsonl")).exists();
        assertThat(dpkg(root, "-P", "docker-doctor").exitCode()).isZero();
        assertThat(env).doesNotExist();
        assertThat(root.resolve("var/lib/docker-doctor")).doesNotExist();
    }

    private static Command.Result dpkg(Path root, String... args) {
        // maintainer scripts run chrooted into root (never on this machine: purge removes /var/lib/docker-doctor)
        List<String> argv = new ArrayList<>(List.of("dpkg", "--root=" + root, "--log=" + root.resolve("dpkg.log")));
        argv.addAll(List.of(args));
        return Command.run(argv, Duration.ofMinutes(2));
    }
}
