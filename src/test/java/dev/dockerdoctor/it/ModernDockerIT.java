package dev.dockerdoctor.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dockerdoctor.model.FileChange;
import dev.dockerdoctor.recovery.JsonFileEditor;
import dev.dockerdoctor.testing.BusyboxImage;
import dev.dockerdoctor.testing.DoctorCli;
import dev.dockerdoctor.testing.ModernDocker;
import dev.dockerdoctor.testing.PrivateDockerd;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Today's engine (Debian's newest docker.io, 28.5 with containerd 2.1) behaving like Docker 29: it refuses clients
 * older than API 1.44, and the containerd image store, switched on in daemon.json, hides every container and image of
 * the classic store while all of it stays on disk. {@code diagnose} reads the engine at its minimum API, calls the
 * switch critical with the counts, and the step's daemon.json edit (through the editor the runner uses) brings them
 * back. One daemon for the whole story.
 */
class ModernDockerIT {
    @Test
    void theContainerdStoreSwitchIsCriticalAndSwitchingBackShowsEverythingAgain() throws Exception {
        try (PrivateDockerd d = PrivateDockerd.builder().engine(ModernDocker.bin()).daemonEnv("DOCKER_MIN_API_VERSION", "1.44")
                .busybox(false).start()) {
            String version = d.serverVersion();
            System.out.println("modern engine: Docker " + version);
            assertThat(Integer.parseInt(version.split("\\.")[0])).as("a Docker of today").isGreaterThanOrEqualTo(28);
            d.dockerOk("import", BusyboxImage.tar().toString(), BusyboxImage.NAME);
            d.dockerOk("create", "--name", "gitlab", "--network", "none", BusyboxImage.NAME, "sleep", "3600");
            d.dockerOk("create", "--name", "runner", "--network", "none", BusyboxImage.NAME, "sleep", "3600");
            Map<String, String> env = Map.of("DOCKER_HOST", d.host(), "DOCTOR_DATA_ROOT_SEARCH", d.base().toString());

            DoctorCli.Run healthy = DoctorCli.run(env, "diagnose", "--json");
            assertThat(critical(healthy)).as(healthy.stdout() + healthy.stderr()).isEmpty();
            // this machine's own clients (Debian 12's docker.io 20.10 and docker-compose 1.29) are older than 1.44
            assertThat(healthy.findingIds()).contains("docker-client-too-old");
            assertThat(find(healthy.json().path("findings"), "docker-client-too-old").path("title").asText())
                    .contains("(Compose v1)", "API 1.44");
            assertThat(healthy.json().path("daemon").path("minApiVersion").asText()).isEqualTo("1.44");
            JsonNode daemon = healthy.json().path("daemon");
            assertThat(daemon.path("serverVersion").asText()).isEqualTo(version);
            assertThat(daemon.path("imageStore").asText()).isEqualTo("classic");
            assertThat(daemon.path("containers").asInt()).isEqualTo(2);

            // the switch Docker 29 makes on fresh installs, made here on an existing one
            d.stop();
            d.writeDaemonJson("{\"features\": {\"containerd-snapshotter\": true}, \"log-opts\": {\"max-size\": \"10m\"}}");
            d.start();
            assertThat(d.dockerOk("ps", "-aq")).as("every container seems gone").isEmpty();
            DoctorCli.Run switched = DoctorCli.run(env, "diagnose", "--json");
            assertThat(switched.exitCode()).as(switched.stdout()).isEqualTo(1);
            assertThat(switched.json().path("daemon").path("imageStore").asText()).isEqualTo("containerd");
            assertThat(switched.findingIds()).contains("containerd-image-store-switched").doesNotContain("data-root-drift");
            JsonNode finding = find(switched.json().path("findings"), "containerd-image-store-switched");
            assertThat(finding.path("severity").asText()).isEqualTo("critical");
            assertThat(finding.path("title").asText()).contains("2 containers and 1 image of the classic store are hidden");
            assertThat(switched.planIds()).startsWith("switch-image-store");
            JsonNode change = find(switched.json().path("plan"), "switch-image-store").path("changes").get(0);
            assertThat(change.path("key").asText()).isEqualTo("features.containerd-snapshotter");
            assertThat(change.path("to").asText()).isEqualTo("false");

            // the step's edit, then the restart it asks for
            d.stop();
            new JsonFileEditor().apply(d.configFile(), List.of(new FileChange(d.configFile().toString(),
                    change.path("key").asText(), change.path("from").asText(null), change.path("to").asText())), Instant.now());
            assertThat(Files.readString(d.configFile())).contains("\"containerd-snapshotter\" : false", "\"max-size\" : \"10m\"");
            d.start();
            assertThat(d.dockerOk("ps", "-a", "--format", "{{.Names}}").lines().sorted().toList()).containsExactly("gitlab", "runner");
            DoctorCli.Run back = DoctorCli.run(env, "diagnose", "--json");
            assertThat(back.findingIds()).doesNotContain("containerd-image-store-switched");
            assertThat(critical(back)).as(back.stdout()).isEmpty();
        }
    }

    @Test
    void aFreshDocker29LikeInstallOnTheContainerdStoreRaisesNothing() throws Exception {
        try (PrivateDockerd d = PrivateDockerd.builder().engine(ModernDocker.bin()).daemonEnv("DOCKER_MIN_API_VERSION", "1.44")
                .withoutFlags("--storage-driver", "--init").flags("--storage-driver", "native") // as ModernDockerJavaProbeIT
                .daemonJson("{\"features\": {\"containerd-snapshotter\": true}}").busybox(false).start()) {
            d.dockerOk("import", BusyboxImage.tar().toString(), BusyboxImage.NAME);
            d.dockerOk("run", "-d", "--name", "web", "--network", "none", BusyboxImage.NAME, "sleep", "3600");
            DoctorCli.Run r = DoctorCli.run(Map.of("DOCKER_HOST", d.host(), "DOCTOR_DATA_ROOT_SEARCH", d.base().toString()),
                    "diagnose", "--json");
            assertThat(r.json().path("daemon").path("imageStore").asText()).isEqualTo("containerd");
            assertThat(critical(r)).as(r.stdout()).isEmpty();
            assertThat(r.findingIds()).doesNotContain("containerd-image-store-switched", "storage-driver-changed", "data-root-drift");
            JsonNode root = r.json().path("dataRoots").get(0);
            assertThat(root.path("containers").asInt()).isEqualTo(1);
            assertThat(root.path("containerdImages").asInt()).as("the image, counted in containerd's store").isEqualTo(1);
        }
    }

    private static List<String> critical(DoctorCli.Run r) {
        List<String> out = new java.util.ArrayList<>();
        r.json().path("findings").forEach(f -> {
            if (f.path("severity").asText().equals("critical")) out.add(f.path("id").asText());
        });
        return out;
    }

    private static JsonNode find(JsonNode list, String id) {
        for (JsonNode n : list) if (id.equals(n.path("id").asText())) return n;
        throw new AssertionError("no " + id + " in " + list);
    }
}
