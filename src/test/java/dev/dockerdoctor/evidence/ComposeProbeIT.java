package dev.dockerdoctor.evidence;

import dev.dockerdoctor.diagnosis.Doctor;
import dev.dockerdoctor.diagnosis.plan.PlanContext;
import dev.dockerdoctor.model.ComposeProject;
import dev.dockerdoctor.model.ComposeService;
import dev.dockerdoctor.model.DaemonState;
import dev.dockerdoctor.model.DataRoot;
import dev.dockerdoctor.model.Diagnosis;
import dev.dockerdoctor.model.DockerConfig;
import dev.dockerdoctor.model.Finding;
import dev.dockerdoctor.model.HostSnapshot;
import dev.dockerdoctor.model.LogStats;
import dev.dockerdoctor.model.ServiceState;
import dev.dockerdoctor.model.Step;
import dev.dockerdoctor.model.VolumeMount;
import dev.dockerdoctor.testing.Command;
import dev.dockerdoctor.testing.PrivateDockerd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Compose projects held against a real private dockerd, started and stopped by the real docker-compose: a project that
 * is up, one that was stopped, one never started; a service behind a profile; values from the project's .env; the
 * compose-up step the planner builds, run as it is; and the story's morning, where only the labels of containers on
 * the orphaned root lead to GitLab's compose file.
 */
class ComposeProbeIT {
    private static final HostFiles HOST = new HostFiles(Path.of("/"));

    private static final String STACK = """
            services:
              web:
                image: ${IMAGE}
                command: httpd -f -p 80 -h /www
                depends_on: [db]
                volumes: ["data:/data", "./html:/www"]
              db:
                image: ${IMAGE}
                command: sleep 600
              debug:
                image: ${IMAGE}
                command: sleep 600
                profiles: [debug]
            volumes:
              data:
            """;

    private static Path project(Path parent, String name) throws IOException {
        Path dir = Files.createDirectories(parent.resolve(name));
        Files.writeString(dir.resolve("docker-compose.yml"), STACK);
        // the image name comes only from .env: a state other than missing proves compose and we both used it
        Files.writeString(dir.resolve(".env"), "IMAGE=local/busybox\n");
        Files.createDirectories(dir.resolve("html"));
        Files.writeString(dir.resolve("html/index.html"), "ok\n");
        return dir;
    }

    private static ComposeProbe probe(List<String> configured) {
        // no common places: the test must not wander into the machine's own /srv or /home
        return new ComposeProbe(HOST, Map.of(), configured, List.of(), ComposeCommand.detect(HOST, Map.of()), 3);
    }

    private static ComposeProject named(ComposeProbe.Found f, String name) {
        return f.projects().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no project " + name + " in " + f));
    }

    private static HostSnapshot snapshot(DaemonState daemon, List<DataRoot> roots, ComposeProbe.Found f) {
        Instant now = Instant.now();
        return new HostSnapshot(now, ZoneOffset.UTC, now.minus(Duration.ofHours(1)), daemon, DockerConfig.empty(), roots,
                List.of(), LogStats.none(), f.projects(), f.problems(), null);
    }

    @Test
    void shouldTellUpStoppedAndNeverStartedProjectsApartAndStartOneWithThePlannedCommand(@TempDir Path tmp) throws IOException {
        Path up = project(tmp, "shop");
        Path halted = project(tmp, "halted");
        Path never = project(tmp, "never");
        try (PrivateDockerd d = PrivateDockerd.startDefault();
             DockerJavaProbe docker = new DockerJavaProbe(d.host())) {
            d.composeOk(up, "up", "-d");
            d.composeOk(halted, "up", "-d");
            d.composeOk(halted, "stop");

            ComposeCommand command = ComposeCommand.detect(HOST, Map.of());
            ComposeProbe.Found f = probe(List.of(tmp.toString())).probe(docker.inspect(), List.of());
            assertThat(f.problems()).isEmpty();
            assertThat(f.projects()).extracting(ComposeProject::name).containsExactlyInAnyOrder("shop", "halted", "never");

            ComposeProject shop = named(f, "shop");
            assertThat(shop.services()).extracting(ComposeService::name, ComposeService::state).containsExactly(
                    tuple("web", ServiceState.RUNNING), tuple("db", ServiceState.RUNNING), tuple("debug", ServiceState.INACTIVE));
            assertThat(shop.services()).extracting(ComposeService::image).containsOnly("local/busybox");
            assertThat(shop.services().get(0).volumes()).contains(new VolumeMount("bind", up.resolve("html").toString(), "/www", false, true));
            // the names compose gave the volumes on the daemon are the names we predicted
            assertThat(Arrays.asList(d.dockerOk("volume", "ls", "--format", "{{.Name}}").split("\n")))
                    .containsAll(shop.namedVolumes()).contains("shop_data", "halted_data");
            assertThat(named(f, "halted").services()).extracting(ComposeService::state)
                    .containsExactly(ServiceState.STOPPED, ServiceState.STOPPED, ServiceState.INACTIVE);
            assertThat(named(f, "never").services()).extracting(ComposeService::state)
                    .containsExactly(ServiceState.MISSING, ServiceState.MISSING, ServiceState.INACTIVE);

            Diagnosis dx = Doctor.standard(new PlanContext(List.of("true"), List.of("true"), command.argv()))
                    .diagnose(snapshot(docker.inspect(), List.of(), f));
            assertThat(dx.findings()).filteredOn(x -> x.id().equals("compose-services-down")).extracting(Finding::title)
                    .hasSize(2).anyMatch(t -> t.startsWith("halted: 2 of 2")).anyMatch(t -> t.startsWith("never: 2 of 2"));
            Step upNever = dx.plan().stream().filter(s -> s.id().equals("compose-up:never")).findFirst().orElseThrow();
            assertThat(upNever.argv().get(0)).endsWith("up", "-d", "db", "web");

            Command.Result ran = Command.run(upNever.argv().get(0), tmp, d.env(), Duration.ofSeconds(180));
            assertThat(ran.ok()).as(ran.stderr()).isTrue();
            ComposeProject after = named(probe(List.of(tmp.toString())).probe(docker.inspect(), List.of()), "never");
            assertThat(after.services()).extracting(ComposeService::state)
                    .containsExactly(ServiceState.RUNNING, ServiceState.RUNNING, ServiceState.INACTIVE);
            assertThat(d.dockerOk("ps", "--format", "{{.Names}}")).as("the profile service stayed down").doesNotContain("debug");
        }
    }

    @Test
    void shouldFindAVanishedProjectThroughTheOrphanedRootAndRefuseComposeUpUntilTheRootIsBack(@TempDir Path tmp) throws IOException {
        // not in any configured or common place: only the labels on the big disk lead to it
        Path gitlab = project(tmp, "gitlab");
        try (PrivateDockerd d = PrivateDockerd.builder().dataRoot(Path.of("big")).start();
             DockerJavaProbe docker = new DockerJavaProbe(d.host())) {
            d.composeOk(gitlab, "up", "-d");
            Path big = d.dataRoot();
            d.restartWithout("--data-root"); // the upgrade: back on the empty default root
            assertThat(d.dataRoot()).isNotEqualTo(big);

            DaemonState daemon = docker.inspect();
            List<DataRoot> roots = new DataRootScanner(HOST).scan(List.of(d.base().toString()), List.of(big.toString()),
                    daemon.dockerRootDir());
            assertThat(roots).anySatisfy(r -> assertThat(r.composeProjects()).contains("gitlab"));

            ComposeProbe.Found f = probe(List.of()).probe(daemon, roots);
            ComposeProject p = named(f, "gitlab");
            assertThat(p.files()).containsExactly(gitlab.resolve("docker-compose.yml").toString());
            assertThat(p.foundBy()).contains("labels of container", big.toString());
            assertThat(p.services()).extracting(ComposeService::state)
                    .containsExactly(ServiceState.MISSING, ServiceState.MISSING, ServiceState.INACTIVE);

            Diagnosis dx = Doctor.standard(new PlanContext(List.of("true"), List.of("true"), List.of("docker-compose")))
                    .diagnose(snapshot(daemon, roots, f));
            assertThat(dx.findings()).filteredOn(x -> x.id().equals("named-volumes-at-risk")).singleElement()
                    .satisfies(x -> assertThat(x.title()).contains("gitlab_data"));
            assertThat(dx.plan()).extracting(Step::id).contains("restore-data-root").noneMatch(id -> id.startsWith("compose-up"));
        }
    }
}
