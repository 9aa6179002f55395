package dev.dockerdoctor.app;

import dev.dockerdoctor.parse.SystemdUnitParser;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped systemd unit, example environment file, Dockerfile and README agree with the code and with the rules. */
class DeployFilesTest {
    private static final Path UNIT = Path.of("deploy/docker-doctor.service");
    /** The hub (serve) and a fleet host's agent: both units are held to the same rules. */
    private static Path unit(String command) {
        return command.equals("serve") ? UNIT : Path.of("deploy/docker-doctor-agent.service");
    }
    private static final Path ENV_EXAMPLE = Path.of("deploy/docker-doctor.env.example");
    private static final Path DOCKERFILE = Path.of("Dockerfile");
    private static final Path README = Path.of("README.md");
    private static final Pattern ASSIGNMENT = Pattern.compile("^#?([A-Z][A-Z0-9_]*)=(.*)$");

    /** Every setting the product reads; DOCTOR_REQUIRE_DOCKER is for the tests, not for a deployment. */
    private static Set<String> settings() throws IllegalAccessException {
        return new LinkedHashSet<>(Env.settings());
    }

    private static String read(Path p) throws IOException {
        return Files.readString(p);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"serve", "agent"})
    void theUnitIsNotTiedToDockerSoTheWatchdogOutlivesTheOutageItReports(String command) throws IOException {
        String unit = read(unit(command));
        for (String key : List.of("Requires", "Requisite", "BindsTo", "PartOf", "Upholds", "After", "Wants")) {
            List<String> units = new ArrayList<>();
            SystemdUnitParser.values(unit, "Unit", key).forEach(v -> units.addAll(Arrays.asList(v.split("\\s+"))));
            assertThat(units).as("[Unit] %s=", key).noneMatch(u -> u.startsWith("docker") || u.startsWith("containerd"));
        }
        assertThat(SystemdUnitParser.values(unit, "Unit", "After")).containsExactly("network-online.target");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"serve", "agent"})
    void theUnitRestartsAlwaysAndRunsServeWithTheEnvironmentFile(String command) throws IOException {
        String unit = read(unit(command));
        assertThat(SystemdUnitParser.values(unit, "Service", "Restart")).containsExactly("always");
        assertThat(SystemdUnitParser.values(unit, "Unit", "StartLimitIntervalSec")).containsExactly("0");
        assertThat(SystemdUnitParser.argv(SystemdUnitParser.execStart(unit).get(0)))
                .containsExactly("/usr/bin/java", "@/opt/docker-doctor/jvm.options", "-jar", "/opt/docker-doctor/docker-doctor.jar", command);
        assertThat(SystemdUnitParser.values(unit, "Service", "EnvironmentFile")).containsExactly("/etc/docker-doctor/env");
        // systemd makes /var/lib/<StateDirectory>: the folder serve uses when DOCTOR_STATE_DIR is not set
        assertThat(Path.of("/var/lib").resolve(SystemdUnitParser.values(unit, "Service", "StateDirectory").get(0)))
                .isEqualTo(Settings.DEFAULT_SERVE_STATE_DIR);
        assertThat(SystemdUnitParser.values(unit, "Install", "WantedBy")).containsExactly("multi-user.target");
    }

    @Test
    void theJvmFlagsAreAnArgumentFileJavaAccepts() throws Exception {
        // java @file has no comments: every line is one flag, and the JVM must start with them
        List<String> flags = Files.readAllLines(Path.of(System.getProperty("basedir", "."), "deploy/jvm.options"));
        assertThat(flags).isNotEmpty().allSatisfy(f -> assertThat(f).startsWith("-X").doesNotContain(" "));
        assertThat(flags).contains("-Xmx96m", "-XX:+UseSerialGC");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + Path.of(System.getProperty("basedir", "."), "deploy/jvm.options"), "-version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"serve", "agent"})
    void theUnitsHardeningLeavesTheMountStepAndTheJitWorking(String command) throws IOException {
        String unit = read(unit(command));
        assertThat(SystemdUnitParser.values(unit, "Service", "NoNewPrivileges")).containsExactly("yes");
        // each of these puts the service in a mount namespace of its own: a disk it mounts would stay invisible to dockerd
        for (String key : List.of("ProtectSystem", "ProtectHome", "PrivateTmp", "PrivateDevices", "PrivateMounts",
                "ProtectKernelTunables", "ProtectKernelModules", "ProtectKernelLogs", "ProtectControlGroups",
                "ProtectHostname", "ProtectProc", "ProcSubset", "ReadOnlyPaths", "InaccessiblePaths", "TemporaryFileSystem",
                "BindPaths", "BindReadOnlyPaths", "MountFlags")) {
            assertThat(SystemdUnitParser.values(unit, "Service", key)).as(key + "=").isEmpty();
        }
        // a device allow-list would keep mount from opening the data root's disk
        for (String key : List.of("DevicePolicy", "DeviceAllow", "ProtectClock")) {
            assertThat(SystemdUnitParser.values(unit, "Service", key)).as(key + "=").isEmpty();
        }
        assertThat(SystemdUnitParser.values(unit, "Service", "MemoryDenyWriteExecute")).as("the JVM's JIT").isEmpty();
        assertThat(SystemdUnitParser.values(unit, "Service", "CapabilityBoundingSet").get(0))
                .startsWith("~").doesNotContain("CAP_SYS_ADMIN", "CAP_DAC_OVERRIDE", "CAP_CHOWN", "CAP_FOWNER", "CAP_KILL");
        assertThat(SystemdUnitParser.values(unit, "Service", "SystemCallFilter").get(0)).startsWith("~").doesNotContain("@mount");
    }

    @Test
    void theExampleEnvironmentFileNamesEverySettingAndNothingElse() throws IOException, IllegalAccessException {
        Set<String> named = new LinkedHashSet<>();
        for (String line : read(ENV_EXAMPLE).split("\n")) {
            Matcher m = ASSIGNMENT.matcher(line);
            if (m.matches()) {
                named.add(m.group(1));
                // systemd and docker --env-file read values alike only without quotes
                assertThat(m.group(2)).as(line).doesNotContain("\"", "'");
            } else {
                assertThat(line).as("a comment, a blank line or NAME=value").matches("^(#.*)?$");
            }
        }
        assertThat(named).containsExactlyInAnyOrderElementsOf(settings());
    }

    @Test
    void theReadmeDocumentsEverySetting() throws IOException, IllegalAccessException {
        String readme = read(README);
        assertThat(settings()).allSatisfy(name -> assertThat(readme).contains("`" + name + "`"));
    }

    @Test
    void theDockerfileUsesTheJarTheHostMountAndTheHealthcheckCommand() throws IOException, IllegalAccessException {
        String dockerfile = read(DOCKERFILE);
        List<String> instructions = new ArrayList<>();
        boolean continued = false;
        for (String l : dockerfile.lines().map(String::strip).toList()) {
            if (l.isEmpty() || l.startsWith("#")) continue;
            if (!continued) instructions.add(l.split("\\s+")[0]);
            continued = l.endsWith("\\");
        }
        assertThat(instructions).startsWith("ARG", "ARG", "FROM").contains("COPY", "RUN", "ENV", "VOLUME", "EXPOSE",
                "HEALTHCHECK", "ENTRYPOINT", "CMD");
        assertThat(dockerfile).contains("ARG BUILD_IMAGE=maven:3.9-eclipse-temurin-17", "FROM ${BUILD_IMAGE} AS build",
                "RUN [\"mvn\", \"-B\", \"-q\", \"package\", \"-DskipTests\"]",
                "ARG BASE_IMAGE=eclipse-temurin:17-jre", "FROM ${BASE_IMAGE} AS runtime",
                "COPY --from=build /build/target/docker-doctor.jar /app/docker-doctor.jar",
                "COPY deploy/jvm.options /app/jvm.options",
                "ENTRYPOINT [\"java\", \"@/app/jvm.options\", \"-jar\", \"/app/docker-doctor.jar\"]",
                "\"-cp\", \"/app/docker-doctor.jar\", \"dev.dockerdoctor.app.Healthz\"]",
                "DOCTOR_HOST_ROOT=/host", "DOCTOR_STATE_DIR=" + Settings.DEFAULT_SERVE_STATE_DIR,
                "VOLUME [\"" + Settings.DEFAULT_SERVE_STATE_DIR + "\"]", "EXPOSE 3000",
                "FROM runtime AS runtime-with-journalctl", "apt-get install -y -qq --no-install-recommends systemd");
        assertThat(dockerfile.lastIndexOf("FROM ")).as("journalctl is the last stage: the default image has it")
                .isEqualTo(dockerfile.indexOf("FROM runtime AS runtime-with-journalctl"));
        Matcher env = Pattern.compile("\\b([A-Z][A-Z0-9_]+)=").matcher(dockerfile.substring(dockerfile.indexOf("\nENV ")));
        Set<String> settings = settings();
        while (env.find()) assertThat(settings).as("ENV names a setting").contains(env.group(1));
        assertThat(read(Path.of(".dockerignore")).lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")))
                .as("the sources go into the build context, never target/").containsExactly("*", "!pom.xml", "!LICENSE",
                        "!CHANGELOG.md", "!deploy", "!src");
    }
}
