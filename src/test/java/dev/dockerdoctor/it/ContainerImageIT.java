package dev.dockerdoctor.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dockerdoctor.testing.Command;
import dev.dockerdoctor.testing.DoctorCli;
import dev.dockerdoctor.testing.FakeHost;
import dev.dockerdoctor.testing.LocalBuildImage;
import dev.dockerdoctor.testing.LocalJreImage;
import dev.dockerdoctor.testing.PrivateDockerd;
import dev.dockerdoctor.testing.Rig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repository's Dockerfile, built by a real daemon from the sources (Maven runs in its build stage), on bases
 * made here (no registry: jlink runtimes brought in with `docker import`, passed as BUILD_IMAGE and BASE_IMAGE), and
 * its container run as the README says: the daemon's socket and a host root mounted read-only at /host; then serve,
 * whose health the image's own check reports.
 */
class ContainerImageIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IMAGE = "docker-doctor:it";

    @Test
    void theImageBuildsOnALocalBaseAndItsContainerDiagnosesTheMountedHostThroughTheMountedSocket() throws IOException {
        Rig.assumeDockerCanRun();
        LocalJreImage.whyNot().ifPresent(why -> Rig.skipOrFail("image test skipped: " + why));
        Path jar = DoctorCli.jar();
        long t0 = System.nanoTime();
        Path jreTar = LocalJreImage.tar(jar.toAbsolutePath().getParent().resolve("it-jre"));
        Duration baseTook = since(t0);

        Path project = Path.of("").toAbsolutePath();
        LocalBuildImage.whyNot().ifPresent(why -> Rig.skipOrFail("image test skipped: " + why));
        long tb = System.nanoTime();
        Path buildTar = LocalBuildImage.tar(jar.toAbsolutePath().getParent().resolve("it-build"), project);
        Duration buildBaseTook = since(tb);

        try (PrivateDockerd d = PrivateDockerd.builder().busybox(false).start()) {
            importImage(d, jreTar, LocalJreImage.CHANGES, LocalJreImage.NAME);
            importImage(d, buildTar, LocalBuildImage.CHANGES, LocalBuildImage.NAME);

            long t1 = System.nanoTime();
            // from the sources, as from a clean clone: Maven runs in the build stage (no jar from the host), on bases
            // made here; the classic builder (BuildKit would look the bases up in a registry), and the stage without
            // journalctl (the local base has no apt-get)
            docker(d, Duration.ofMinutes(10), "build", "--build-arg", "BUILD_IMAGE=" + LocalBuildImage.NAME,
                    "--build-arg", "BASE_IMAGE=" + LocalJreImage.NAME, "--target", "runtime", "-t", IMAGE,
                    project.toString()).orThrow();
            Duration buildTook = since(t1);
            System.out.printf("image test: local build base %d ms, docker build from the sources %d ms%n",
                    buildBaseTook.toMillis(), buildTook.toMillis());

            JsonNode image = inspect(d, "image", IMAGE);
            JsonNode cfg = image.path("Config");
            assertThat(strings(cfg.path("Healthcheck").path("Test"))).containsExactly("CMD", "java", "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC", "-Xshare:auto", "-Xmx16m", "-cp", "/app/docker-doctor.jar", "dev.dockerdoctor.app.Healthz");
            assertThat(strings(cfg.path("Entrypoint"))).containsExactly("java", "@/app/jvm.options", "-jar", "/app/docker-doctor.jar");
            assertThat(strings(cfg.path("Cmd"))).containsExactly("serve");
            assertThat(strings(cfg.path("Env"))).contains("DOCTOR_HOST_ROOT=/host", "DOCTOR_STATE_DIR=/var/lib/docker-doctor");
            assertThat(fieldNames(cfg.path("Volumes"))).containsExactly("/var/lib/docker-doctor");
            assertThat(fieldNames(cfg.path("ExposedPorts"))).containsExactly("3000/tcp");

            // the host as the container sees it: Docker configured for a big-disk root that holds GitLab
            FakeHost host = new FakeHost(d.base().resolve("host"))
                    .dockerInstalled()
                    .file("/etc/docker/daemon.json", "{\"data-root\": \"/srv/docker\"}")
                    .dataRoot("/srv/docker", "vfs", 3, 2, "gitlab", "gitlab_data");

            long t2 = System.nanoTime();
            Command.Result run = docker(d, Duration.ofMinutes(2), "run", "--name", "doctor", "--network", "none",
                    "-v", d.socket() + ":/var/run/docker.sock",
                    "-v", host.root() + ":/host:ro",
                    IMAGE, "diagnose", "--json");
            Duration runTook = since(t2);
            System.out.printf("image test: local JRE tar %d ms, docker build %d ms, container diagnose %d ms%n",
                    baseTook.toMillis(), buildTook.toMillis(), runTook.toMillis());

            DoctorCli.Run out = new DoctorCli.Run(run.exitCode(), run.stdout(), run.stderr(), runTook);
            assertThat(run.exitCode()).as("diagnose found the drift: exit 1\n" + run.stderr()).isEqualTo(1);
            JsonNode j = out.json();
            JsonNode daemon = j.path("daemon");
            assertThat(daemon.path("reachable").asBoolean()).as(daemon.toString()).isTrue();
            assertThat(daemon.path("dockerRootDir").asText()).isEqualTo(d.dataRoot().toString());
            assertThat(daemon.path("running").asInt()).as("the container itself runs").isGreaterThanOrEqualTo(1);
            assertThat(daemon.path("images").asInt()).as("the base and the image").isGreaterThanOrEqualTo(2);

            JsonNode big = root(j, "/srv/docker");
            assertThat(big.path("active").asBoolean()).isFalse();
            assertThat(big.path("containers").asInt()).isEqualTo(3);
            assertThat(big.path("volumes").asInt()).isEqualTo(1);
            assertThat(big.path("composeProjects").toString()).contains("gitlab");
            assertThat(j.path("dataRoots").findValuesAsText("path")).as("host paths, not container paths")
                    .noneMatch(p -> p.startsWith("/host"));
            assertThat(out.findingIds()).contains("data-root-drift");

            JsonNode container = inspect(d, "container", "doctor");
            JsonNode hostMount = null;
            for (JsonNode m : container.path("Mounts")) if (m.path("Destination").asText().equals("/host")) hostMount = m;
            assertThat(hostMount).as("the host root mount").isNotNull();
            assertThat(hostMount.path("RW").asBoolean()).as("the host root is read-only").isFalse();
            assertThat(container.path("Config").path("Healthcheck").path("Test").size()).isPositive();

            // serve, with Slack out of reach (no network): it starts anyway, and the image's own health check says so
            docker(d, Duration.ofMinutes(1), "run", "-d", "--name", "bot", "--network", "none",
                    "--health-interval", "1s", "--health-start-period", "0s",
                    "-e", "SLACK_BOT_TOKEN=xoxb-image-test", "-e", "SLACK_SIGNING_SECRET=0123456789abcdef0123456789abcdef",
                    "-v", d.socket() + ":/var/run/docker.sock", "-v", host.root() + ":/host:ro", IMAGE).orThrow();
            try {
                String health = "";
                for (int i = 0; i < 60 && !health.equals("healthy"); i++) {
                    Thread.sleep(500);
                    health = d.dockerOk("inspect", "-f", "{{.State.Health.Status}}", "bot");
                }
                assertThat(health).as(d.dockerOk("logs", "bot")).isEqualTo("healthy");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            } finally {
                d.dockerOk("rm", "-f", "bot");
            }
        }
    }

    private static void importImage(PrivateDockerd d, Path tar, List<String> changes, String name) {
        List<String> args = new ArrayList<>(List.of("import"));
        changes.forEach(c -> args.addAll(List.of("--change", c)));
        args.addAll(List.of(tar.toString(), name));
        d.dockerOk(args.toArray(String[]::new));
    }

    /** The docker CLI against the private daemon, with the classic builder. */
    private static Command.Result docker(PrivateDockerd d, Duration limit, String... args) {
        List<String> argv = new ArrayList<>(List.of(Rig.executable("docker").orElseThrow().toString(), "-H", d.host()));
        argv.addAll(List.of(args));
        Map<String, String> env = new java.util.LinkedHashMap<>(d.env());
        env.put("DOCKER_BUILDKIT", "0");
        return Command.run(argv, d.base(), env, limit);
    }

    private static JsonNode inspect(PrivateDockerd d, String kind, String name) throws IOException {
        JsonNode all = JSON.readTree(d.dockerOk(kind, "inspect", name));
        assertThat(all.size()).as(kind + " " + name).isEqualTo(1);
        return all.get(0);
    }

    private static JsonNode root(JsonNode j, String path) {
        for (JsonNode r : j.path("dataRoots")) if (r.path("path").asText().equals(path)) return r;
        throw new AssertionError("no data root " + path + " in " + j.path("dataRoots"));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> out = new ArrayList<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static Duration since(long t0) {
        return Duration.ofNanos(System.nanoTime() - t0);
    }
}
