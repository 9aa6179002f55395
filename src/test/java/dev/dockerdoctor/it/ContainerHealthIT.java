package dev.dockerdoctor.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dockerdoctor.diagnosis.Doctor;
import dev.dockerdoctor.diagnosis.plan.PlanContext;
import dev.dockerdoctor.evidence.ComposeCommand;
import dev.dockerdoctor.evidence.DockerJavaProbe;
import dev.dockerdoctor.evidence.HostFiles;
import dev.dockerdoctor.evidence.HostInspector;
import dev.dockerdoctor.model.DataRoot;
import dev.dockerdoctor.model.Diagnosis;
import dev.dockerdoctor.model.DiskUsage;
import dev.dockerdoctor.model.Evidence;
import dev.dockerdoctor.model.Finding;
import dev.dockerdoctor.model.HostSnapshot;
import dev.dockerdoctor.model.Step;
import dev.dockerdoctor.recovery.CommandRunner;
import dev.dockerdoctor.recovery.DockerApi;
import dev.dockerdoctor.testing.BusyboxImage;
import dev.dockerdoctor.testing.DoctorCli;
import dev.dockerdoctor.testing.PrivateDockerd;
import dev.dockerdoctor.testing.PrivateDockerdExtension;
import dev.dockerdoctor.testing.Rig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Everyday container health against a real dockerd, through the packaged CLI: a container that exits at once under
 * {@code restart: always}, one killed by its memory limit, one whose health check fails, and healthy ones beside them
 * (one with a passing health check, one plain, one that crashed once and then kept running).
 */
@ExtendWith(PrivateDockerdExtension.class)
class ContainerHealthIT {
    private static final long GIB = 1024L * 1024 * 1024;
    private static final List<String> HEALTHY = List.of("healthy-web", "steady-db", "recovered-once");
    private static PrivateDockerd docker;
    private static boolean memoryLimits;
    private static DoctorCli.Run run;
    private static JsonNode json;

    @BeforeAll
    static void startTheHost(PrivateDockerd d) {
        docker = d;
        memoryLimits = "true".equals(d.dockerOk("info", "--format", "{{.MemoryLimit}}"));
        d.dockerOk("run", "-d", "--name", "crashing-worker", "--restart", "always",
                "--label", "com.docker.compose.project=shop", "--label", "com.docker.compose.service=worker",
                BusyboxImage.NAME, "sh", "-c", "echo loading settings; echo 'FATAL: no config at /etc/worker.conf' >&2; exit 3");
        if (memoryLimits) {
            d.dockerOk("run", "-d", "--name", "hungry", "--memory", "8m",
                    "--label", "com.docker.compose.project=shop", "--label", "com.docker.compose.service=indexer",
                    BusyboxImage.NAME, "sh", "-c", "x=a; while true; do x=$x$x; done");
        }
        d.dockerOk("run", "-d", "--name", "sick-api", "--health-cmd", "echo cannot reach db:5432; false",
                "--health-interval", "1s", "--health-retries", "1",
                "--label", "com.docker.compose.project=shop", "--label", "com.docker.compose.service=api",
                BusyboxImage.NAME, "sleep", "600");
        d.dockerOk("run", "-d", "--name", "healthy-web", "--health-cmd", "true", "--health-interval", "1s",
                "--restart", "always", "--label", "com.docker.compose.project=shop", "--label", "com.docker.compose.service=web",
                BusyboxImage.NAME, "httpd", "-f", "-p", "80", "-h", "/www");
        d.dockerOk("run", "-d", "--name", "steady-db", "--restart", "unless-stopped", BusyboxImage.NAME, "sleep", "600");
        // crashes on its first start only, then runs: restarted once, which is not a loop
        d.dockerOk("run", "-d", "--name", "recovered-once", "--restart", "always", BusyboxImage.NAME, "sh", "-c",
                "if [ ! -f /tmp/ran ]; then touch /tmp/ran; exit 1; fi; exec sleep 600");

        waitFor("crashing-worker", "{{.RestartCount}}", v -> Integer.parseInt(v) >= 3);
        if (memoryLimits) waitFor("hungry", "{{.State.Status}} {{.State.OOMKilled}}", "exited true"::equals);
        waitFor("sick-api", "{{.State.Health.Status}}", "unhealthy"::equals);
        waitFor("healthy-web", "{{.State.Health.Status}}", "healthy"::equals);
        waitFor("recovered-once", "{{.State.Status}} {{.RestartCount}}", "running 1"::equals);

        run = DoctorCli.run(Map.of("DOCTOR_DATA_ROOT_SEARCH", d.base().toString()), "diagnose", "--json", "--docker-host", d.host());
        json = run.json();
    }

    private static void waitFor(String container, String format, Predicate<String> ready) {
        Instant deadline = Instant.now().plusSeconds(40);
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            last = docker.dockerOk("inspect", "--format", format, container);
            if (ready.test(last)) return;
            sleep(200);
        }
        throw new AssertionError(container + " never got there: " + format + " = " + last);
    }

    private static JsonNode finding(String id) {
        for (JsonNode f : json.path("findings")) if (f.path("id").asText().equals(id)) return f;
        throw new AssertionError("no finding " + id + " in " + run.findingIds() + "\n" + run.stdout());
    }

    private static List<String> evidence(JsonNode f, String source) {
        List<String> out = new ArrayList<>();
        f.path("evidence").forEach(e -> {
            if (source == null || e.path("source").asText().equals(source)) out.add(e.path("text").asText());
        });
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void theLoopingContainerIsCriticalWithItsLastLogLinesAndNoRestart() {
        JsonNode loop = finding("container-restart-loop");

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(1);
        assertThat(loop.path("severity").asText()).isEqualTo("critical");
        assertThat(loop.path("title").asText()).isEqualTo("crashing-worker is restarting in a loop");
        assertThat(evidence(loop, "daemon")).singleElement().asString()
                .startsWith("crashing-worker (compose project shop, service worker): ")
                .contains("restart policy always");
        assertThat(evidence(loop, "docker logs crashing-worker"))
                .contains("loading settings", "FATAL: no config at /etc/worker.conf");
        assertThat(strings(loop.path("steps"))).isEmpty();
        assertThat(run.planIds()).doesNotContain("restart-container:crashing-worker");
    }

    @Test
    void theContainerKilledByItsMemoryLimitIsNamedWithTheLimit() {
        if (!memoryLimits) Rig.skipOrFail("this dockerd has no memory cgroup (docker info: MemoryLimit false), so nothing can be OOM-killed");
        JsonNode oom = finding("container-oom-killed");

        assertThat(oom.path("severity").asText()).isEqualTo("warning");
        assertThat(oom.path("title").asText()).isEqualTo("hungry was killed for running out of memory (limit 8.0 MiB)");
        assertThat(evidence(oom, "daemon")).singleElement().asString()
                .startsWith("hungry (compose project shop, service indexer): OOMKilled, memory limit 8.0 MiB; exit code 137");
        assertThat(strings(oom.path("steps"))).containsExactly("restart-container:hungry");
        JsonNode restart = step("restart-container:hungry");
        assertThat(strings(restart.path("commands"))).containsExactly("docker -H " + docker.host() + " restart hungry");
        assertThat(restart.path("warning").asText()).contains("hungry");
    }

    @Test
    void theContainerFailingItsHealthCheckShowsTheCheckOutputs() {
        JsonNode sick = finding("container-unhealthy");

        assertThat(sick.path("severity").asText()).isEqualTo("warning");
        assertThat(sick.path("title").asText()).isEqualTo("sick-api fails its health check");
        assertThat(evidence(sick, "daemon")).singleElement().asString().startsWith("sick-api (compose project shop, service api): health unhealthy");
        assertThat(evidence(sick, "health check sick-api")).isNotEmpty()
                .allSatisfy(t -> assertThat(t).endsWith("exit 1: cannot reach db:5432"));
        assertThat(strings(sick.path("steps"))).containsExactly("restart-container:sick-api");
    }

    @Test
    void theHealthyContainersBesideThemGetNoFindingAndNoStep() {
        for (JsonNode f : json.path("findings")) {
            String all = f.path("title").asText() + " " + String.join(" ", evidence(f, null)) + " " + strings(f.path("steps"));
            assertThat(all).as(f.path("id").asText()).doesNotContain(HEALTHY);
        }
        assertThat(run.planIds()).noneMatch(id -> HEALTHY.stream().anyMatch(id::contains));
        assertThat(run.findingIds()).doesNotContain("docker-disk-pressure");
    }

    @Test
    void theJsonCarriesTheDaemonsDiskAccountingAndTheTextReportTheEvidence() {
        JsonNode du = json.path("diskUsage");
        assertThat(du.path("images").path("count").asInt()).isEqualTo(1);
        assertThat(du.path("containers").path("count").asInt()).isEqualTo(memoryLimits ? 6 : 5);
        assertThat(du.path("volumes").has("unusedBytes")).isTrue();
        assertThat(du.path("volumes").has("reclaimableBytes")).as("volumes are never called reclaimable").isFalse();

        DoctorCli.Run text = DoctorCli.run(Map.of("DOCTOR_DATA_ROOT_SEARCH", docker.base().toString()), "diagnose", "--docker-host", docker.host());
        assertThat(text.stdout()).contains("[critical] container-restart-loop: crashing-worker is restarting in a loop")
                .contains("- docker logs crashing-worker: FATAL: no config at /etc/worker.conf")
                .contains("- health check sick-api: ")
                .contains("$ docker -H " + docker.host() + " restart sick-api");
    }

    private static JsonNode step(String id) {
        for (JsonNode s : json.path("plan")) if (s.path("id").asText().equals(id)) return s;
        throw new AssertionError("no step " + id + " in " + run.planIds());
    }

    /**
     * The machine's disk is not full, so the real snapshot is taken and only its free space is made low; the
     * reclaimable space and the prune steps then come from this daemon's own accounting, and the steps are run for
     * real: they delete what they said and leave the volume alone.
     */
    @Test
    void onALowDiskThePruneStepsComeFromTheDaemonsAccountingAndNeverTouchVolumes() {
        try (PrivateDockerd d = PrivateDockerd.builder().start();
             DockerJavaProbe probe = new DockerJavaProbe(d.host());
             HostInspector inspector = new HostInspector(new HostFiles(Path.of("/")), () -> probe, d.host(),
                     List.of(d.base().toString()), List.of(), ComposeCommand.assumedV2("not used here"), Map.of(),
                     Clock.systemUTC())) {
            d.dockerOk("run", "--name", "writer", BusyboxImage.NAME, "sh", "-c", "head -c 3000000 /dev/zero > /big");
            d.dockerOk("commit", "writer", "local/snap");
            d.dockerOk("run", "--name", "writer2", BusyboxImage.NAME, "sh", "-c", "head -c 1000000 /dev/zero > /big");
            d.dockerOk("commit", "writer2", "local/snap"); // the first local/snap is now dangling, with its 3 MB layer
            d.dockerOk("volume", "create", "keep-me");
            d.dockerOk("run", "--rm", "-v", "keep-me:/data", BusyboxImage.NAME, "sh", "-c", "head -c 2000000 /dev/zero > /data/f");
            d.dockerOk("run", "-d", "--name", "serving", BusyboxImage.NAME, "sleep", "600");

            HostSnapshot real = inspector.inspect(Instant.now().minus(Duration.ofHours(24)), null);
            assertThat(real.diskUsage()).as("the daemon answered /system/df").isNotNull();
            Diagnosis d1 = new Doctor(dev.dockerdoctor.diagnosis.rules.Rules.all(),
                    new dev.dockerdoctor.diagnosis.plan.Planner(PlanContext.defaults().withDockerCli(PlanContext.dockerCliFor(d.host()))))
                    .diagnose(withFreeSpace(real, 2 * GIB, 100 * GIB));

            Finding pressure = d1.findings().stream().filter(f -> f.id().equals("docker-disk-pressure")).findFirst().orElseThrow();
            List<String> df = pressure.evidence().stream().filter(e -> e.source().equals("/system/df")).map(Evidence::text).toList();
            assertThat(df).anySatisfy(t -> assertThat(t).startsWith("stopped containers: 2, ").contains("writer 2.9 MiB").contains("writer2 976.6 KiB"));
            assertThat(df).anySatisfy(t -> assertThat(t).startsWith("dangling images: 1, 2.9 MiB reclaimable"));
            assertThat(df).anySatisfy(t -> assertThat(t).startsWith("volumes: 1, 1.9 MiB (1 not used by any container").endsWith("never pruned"));
            List<DiskUsage.Category> prunable = real.diskUsage().prunable();
            assertThat(prunable).extracting(DiskUsage.Category::reclaimableBytes).isSortedAccordingTo(java.util.Comparator.reverseOrder());
            assertThat(pressure.steps()).containsExactlyElementsOf(prunable.stream().map(c -> "prune-docker:" + c.what()).toList())
                    .containsExactlyInAnyOrder("prune-docker:containers", "prune-docker:images");

            List<Step> prunes = d1.plan().stream().filter(s -> s.id().startsWith("prune-docker:")).toList();
            assertThat(prunes).extracting(Step::id).containsExactlyElementsOf(pressure.steps());
            // run as serve runs them, with no docker CLI anywhere: the runner sends them to the Docker API
            try (DockerApi api = new DockerApi(d.host(), Duration.ofSeconds(60))) {
                CommandRunner runner = new CommandRunner(api);
                for (Step s : prunes) {
                    assertThat(s.commands()).noneMatch(c -> c.contains("volume"));
                    for (List<String> argv : s.argv()) {
                        CommandRunner.Result r = runner.run(withoutCli(argv), Duration.ofSeconds(60));
                        assertThat(r.ok()).as(r.output()).isTrue();
                        assertThat(r.api()).startsWith("POST /").contains("prune");
                        assertThat(r.output()).startsWith("reclaimed ");
                    }
                }
            }

            assertThat(d.dockerOk("volume", "ls", "-q")).isEqualTo("keep-me");
            assertThat(d.dockerOk("ps", "-a", "--format", "{{.Names}}")).isEqualTo("serving");
            assertThat(d.dockerOk("images", "-q", "--filter", "dangling=true")).isEmpty();
            assertThat(d.dockerOk("images", "--format", "{{.Repository}}").lines().sorted().toList())
                    .containsExactly("local/busybox", "local/snap");
        }
    }

    /** The argv a step shows, its program a docker that does not exist: whatever runs, no CLI does. */
    private static List<String> withoutCli(List<String> argv) {
        List<String> a = new java.util.ArrayList<>(argv);
        a.set(0, "/nonexistent/no-cli-here/docker");
        return a;
    }

    @Test
    void restartContainerRunsThroughTheDockerApiWithNoCliAndSaysTheDaemonsRefusal() throws Exception {
        docker.dockerOk("run", "-d", "--name", "restart-me", "--network", "none", BusyboxImage.NAME, "sleep", "600");
        String before = docker.dockerOk("inspect", "-f", "{{.State.StartedAt}}", "restart-me");
        sleep(1100); // StartedAt has a resolution finer than this, and the restart must be seen to move it
        try (DockerApi api = new DockerApi(docker.host(), Duration.ofSeconds(60))) {
            CommandRunner runner = new CommandRunner(api);
            CommandRunner.Result r = runner.run(withoutCli(concat(PlanContext.dockerCliFor(docker.host()), "restart", "restart-me")),
                    Duration.ofSeconds(60));
            assertThat(r.ok()).as(r.output()).isTrue();
            assertThat(r.api()).isEqualTo("POST /containers/restart-me/restart");
            assertThat(r.action()).startsWith("api POST /containers/restart-me/restart (for: /nonexistent/no-cli-here/docker -H ");
            assertThat(docker.dockerOk("inspect", "-f", "{{.State.StartedAt}}", "restart-me")).isNotEqualTo(before);
            assertThat(docker.dockerOk("inspect", "-f", "{{.State.Running}}", "restart-me")).isEqualTo("true");

            CommandRunner.Result gone = runner.run(withoutCli(concat(PlanContext.dockerCliFor(docker.host()), "restart", "no-such-box")),
                    Duration.ofSeconds(60));
            assertThat(gone.ok()).isFalse();
            assertThat(gone.output()).contains("NotFoundException").containsIgnoringCase("no such container");
        } finally {
            docker.dockerOk("rm", "-f", "restart-me");
        }
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> a = new java.util.ArrayList<>(head);
        a.addAll(List.of(tail));
        return a;
    }

    private static HostSnapshot withFreeSpace(HostSnapshot s, long free, long total) {
        List<DataRoot> roots = s.dataRoots().stream().map(r -> !r.active() ? r : new DataRoot(r.path(), true, r.containers(),
                r.images(), r.volumes(), r.composeProjects(), free, total, r.imagesByDriver(), r.containerRecords())).toList();
        assertThat(roots).anyMatch(DataRoot::active);
        return new HostSnapshot(s.takenAt(), s.zone(), s.since(), s.daemon(), s.config(), roots, s.events(), s.logStats(),
                s.compose(), s.composeProblems(), s.lastKnownGood(), s.diskUsage(), s.restartHistory());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
