package dev.dockerdoctor.diagnosis;

import dev.dockerdoctor.diagnosis.plan.PlanContext;
import dev.dockerdoctor.diagnosis.plan.Planner;
import dev.dockerdoctor.model.ContainerInfo;
import dev.dockerdoctor.model.Diagnosis;
import dev.dockerdoctor.model.Evidence;
import dev.dockerdoctor.model.Finding;
import dev.dockerdoctor.model.Severity;
import dev.dockerdoctor.model.Step;
import dev.dockerdoctor.testing.Containers;
import dev.dockerdoctor.testing.Snapshots;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.dockerdoctor.testing.Containers.container;
import static dev.dockerdoctor.testing.Snapshots.host;
import static org.assertj.core.api.Assertions.assertThat;

/** container-restart-loop, container-oom-killed and container-unhealthy, with their restart steps, on pure snapshots. */
class ContainerHealthRulesTest {
    private static final List<String> CLI = List.of("docker", "-H", "unix:///run/test.sock");
    private final Doctor doctor = Doctor.standard(PlanContext.defaults().withDockerCli(CLI));

    private Diagnosis diagnose(ContainerInfo... containers) {
        return doctor.diagnose(onHost(containers).build());
    }

    private static Snapshots onHost(ContainerInfo... containers) {
        return host().daemonOn("/var/lib/docker", containers.length, 1, List.of(containers))
                
                .root("/var/lib/docker", true, containers.length, 1, 0);
    }

    /** The plan's steps of this families (a test snapshot also gets advice such as enable-live-restore). */
    private static List<Step> healthPlan(Diagnosis d) {
        return d.plan().stream().filter(s -> s.id().startsWith("restart-container:") || s.id().startsWith("prune-docker:")).toList();
    }

    private static Optional<Finding> finding(Diagnosis d, String id) {
        return d.findings().stream().filter(f -> f.id().equals(id)).findFirst();
    }

    private static String text(Finding f) {
        StringBuilder b = new StringBuilder(f.title()).append('\n').append(f.detail());
        for (Evidence e : f.evidence()) b.append('\n').append(e.source()).append(": ").append(e.text());
        return b.toString();
    }

    // ------------------------------------------------------------------------------------------------- loops

    @Test
    void theRestartingStateIsALoopShownWithItsLogAndNoRestartStep() {
        Diagnosis d = diagnose(
                container("gitlab-web-1").compose("gitlab", "web").restarting(7).exitCode(3)
                        .logs("starting gitlab", "FATAL: could not open /etc/gitlab/gitlab.rb").build(),
                container("wiki").build());

        Finding loop = finding(d, "container-restart-loop").orElseThrow();
        assertThat(loop.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(loop.title()).isEqualTo("gitlab-web-1 is restarting in a loop");
        assertThat(loop.evidence().get(0).text())
                .contains("gitlab-web-1 (compose project gitlab, service web)")
                .contains("restart 7").contains("restart policy always").contains("last exit code 3");
        assertThat(loop.evidence()).extracting(Evidence::source, Evidence::text).contains(
                org.assertj.core.groups.Tuple.tuple("docker logs gitlab-web-1", "FATAL: could not open /etc/gitlab/gitlab.rb"));
        assertThat(loop.steps()).isEmpty();
        assertThat(text(loop)).doesNotContain("wiki");
        assertThat(d.plan()).extracting(Step::id).noneMatch(id -> id.startsWith("restart-container"));
        assertThat(d.hasProblems()).isTrue();
    }

    @Test
    void aContainerUpForSecondsAfterManyRestartsIsALoopNotUp() {
        Diagnosis d = diagnose(container("api").compose("shop", "api").restartPolicy("unless-stopped")
                .restartCount(5).startedAgo(Duration.ofSeconds(20)).finishedAgo(Duration.ofSeconds(21)).build());

        Finding loop = finding(d, "container-restart-loop").orElseThrow();
        assertThat(loop.evidence().get(0).text()).contains("restarted 5 times, the last 20 s ago")
                .contains("compose project shop, service api");
    }

    @Test
    void aContainerThatRestartedOnceLongAgoIsNotALoop() {
        Diagnosis d = diagnose(
                container("db").compose("gitlab", "db").restartPolicy("always").restartCount(1)
                        .startedAgo(Duration.ofDays(3)).finishedAgo(Duration.ofDays(3)).build(),
                container("cache").restartPolicy("always").restartCount(6).startedAgo(Duration.ofHours(5)).build());

        assertThat(finding(d, "container-restart-loop")).isEmpty();
        assertThat(d.hasProblems()).isFalse();
    }

    @Test
    void aSingleRecentRestartIsNotALoop() {
        Diagnosis d = diagnose(container("worker").restartPolicy("always").restartCount(1)
                .startedAgo(Duration.ofSeconds(30)).finishedAgo(Duration.ofSeconds(31)).build());

        assertThat(finding(d, "container-restart-loop")).isEmpty();
    }

    @Test
    void aRestartCountRisingBetweenPollsIsALoopEvenWhenEachPollSeesItUp() {
        Containers worker = container("worker").compose("ci", "runner").restartPolicy("always").restartCount(4)
                .startedAgo(Duration.ofMinutes(14));
        Diagnosis rising = doctor.diagnose(onHost(worker.build())
                .restartsSeen(Duration.ofMinutes(50), Map.of(worker.idValue(), 1)).build());
        Diagnosis steady = doctor.diagnose(onHost(worker.build())
                .restartsSeen(Duration.ofMinutes(50), Map.of(worker.idValue(), 4)).build());
        Diagnosis longAgo = doctor.diagnose(onHost(worker.build())
                .restartsSeen(Duration.ofHours(5), Map.of(worker.idValue(), 0)).build());

        assertThat(finding(rising, "container-restart-loop")).hasValueSatisfying(f ->
                assertThat(f.evidence().get(0).text()).contains("restarted 3 times in the last 50 min"));
        assertThat(finding(steady, "container-restart-loop")).isEmpty();
        assertThat(finding(longAgo, "container-restart-loop")).as("rises over hours are not a loop").isEmpty();
    }

    @Test
    void severalLoopingContainersAreOneFindingNamingEach() {
        Diagnosis d = diagnose(container("a").restarting(3).build(), container("b").restarting(9).build(),
                container("ok").build());

        Finding loop = finding(d, "container-restart-loop").orElseThrow();
        assertThat(loop.title()).isEqualTo("2 containers are restarting in a loop: a and b");
        assertThat(loop.evidence()).extracting(Evidence::text).anyMatch(t -> t.startsWith("a:")).anyMatch(t -> t.startsWith("b:"));
    }

    @Test
    void aRestartAskedForALoopingContainerIsNeverPlanned() {
        Planner planner = new Planner(PlanContext.defaults());
        var s = onHost(container("loop").restarting(4).build(), container("fine").build()).build();
        Finding asking = new Finding("x", Severity.WARNING, "x", "x", List.of(), List.of("restart-container:loop",
                "restart-container:fine", "restart-container:gone"));

        assertThat(planner.plan(s, List.of(asking))).extracting(Step::id).containsExactly("restart-container:fine");
    }

    @Test
    void noContainerStepIsPlannedWhileTheDataRootIsWrong() {
        // the daemon came back on the empty default root: the OOM-killed container there is not the real service
        var s = host().daemonOn("/var/lib/docker", 1, 1, List.of(container("hungry").state("exited").exitCode(137)
                        .oomKilled(8L << 20).finishedAgo(Duration.ofMinutes(1)).build()))
                .root("/var/lib/docker", true, 1, 1, 0).root("/srv/docker", false, 20, 30, 5, "gitlab").build();
        Diagnosis d = doctor.diagnose(s);

        assertThat(finding(d, "container-oom-killed")).hasValueSatisfying(f -> assertThat(f.steps()).containsExactly("restart-container:hungry"));
        assertThat(d.plan()).extracting(Step::id).contains("restore-data-root").doesNotContain("restart-container:hungry");
    }

    // --------------------------------------------------------------------------------------------------- OOM

    @Test
    void aContainerKilledByItsMemoryLimitIsNamedWithTheLimitAndCanBeRestarted() {
        Diagnosis d = diagnose(
                container("gitlab-sidekiq-1").compose("gitlab", "sidekiq").state("exited").exitCode(137)
                        .oomKilled(8L * 1024 * 1024).finishedAgo(Duration.ofMinutes(5)).build(),
                container("gitlab-web-1").compose("gitlab", "web").build());

        Finding oom = finding(d, "container-oom-killed").orElseThrow();
        assertThat(oom.severity()).isEqualTo(Severity.WARNING);
        assertThat(oom.title()).isEqualTo("gitlab-sidekiq-1 was killed for running out of memory (limit 8.0 MiB)");
        assertThat(oom.evidence().get(0).text()).contains("compose project gitlab, service sidekiq")
                .contains("OOMKilled").contains("memory limit 8.0 MiB").contains("exit code 137").contains("now exited");
        assertThat(text(oom)).doesNotContain("gitlab-web-1");
        assertThat(oom.steps()).containsExactly("restart-container:gitlab-sidekiq-1");
        Step restart = d.plan().stream().filter(s -> s.id().equals("restart-container:gitlab-sidekiq-1")).findFirst().orElseThrow();
        assertThat(restart.argv()).containsExactly(List.of("docker", "-H", "unix:///run/test.sock", "restart", "gitlab-sidekiq-1"));
        assertThat(restart.mutating()).isTrue();
        assertThat(restart.warning()).contains("gitlab-sidekiq-1");
    }

    @Test
    void anOomKillWithoutALimitSaysTheHostRanShort() {
        Diagnosis d = diagnose(container("java").state("exited").exitCode(137).oomKilled(0).finishedAgo(Duration.ofHours(2)).build());

        Finding oom = finding(d, "container-oom-killed").orElseThrow();
        assertThat(oom.title()).contains("limit none");
        assertThat(oom.detail()).contains("whole host ran short of memory");
    }

    @Test
    void aRunningContainerOomKilledBeforeTheLogWindowIsOldNewsButOneWithinItIsReported() {
        Diagnosis old = diagnose(container("web").restartPolicy("always").restartCount(1).oomKilled(64L << 20)
                .finishedAgo(Duration.ofDays(3)).startedAgo(Duration.ofDays(3)).build());
        Diagnosis recent = diagnose(container("web").restartPolicy("always").restartCount(1).oomKilled(64L << 20)
                .finishedAgo(Duration.ofHours(2)).startedAgo(Duration.ofHours(2)).build());

        assertThat(finding(old, "container-oom-killed")).isEmpty();
        Finding oom = finding(recent, "container-oom-killed").orElseThrow();
        assertThat(oom.evidence().get(0).text()).contains("now running").contains("restart count 1");
        assertThat(oom.steps()).as("it runs again: nothing to restart").isEmpty();
    }

    // ------------------------------------------------------------------------------------------------ health

    @Test
    void anUnhealthyContainerShowsItsLastHealthCheckOutputsAndCanBeRestarted() {
        Diagnosis d = diagnose(
                container("wiki-app-1").compose("wiki", "app").health("unhealthy")
                        .check(Duration.ofSeconds(40), 1, "curl: (7) Failed to connect to localhost port 3000\n")
                        .check(Duration.ofSeconds(30), 1, "curl: (7) Failed to connect to localhost port 3000\n")
                        .check(Duration.ofSeconds(20), 1, "curl: (7) Failed to connect to localhost port 3000\n")
                        .check(Duration.ofSeconds(10), 1, "curl: (28) Operation timed out\n").build(),
                container("wiki-db-1").compose("wiki", "db").health("healthy").check(Duration.ofSeconds(5), 0, "ok").build());

        Finding sick = finding(d, "container-unhealthy").orElseThrow();
        assertThat(sick.severity()).isEqualTo(Severity.WARNING);
        assertThat(sick.title()).isEqualTo("wiki-app-1 fails its health check");
        assertThat(sick.evidence().get(0).text()).contains("compose project wiki, service app").contains("4 of the last 4 checks failed");
        assertThat(sick.evidence()).filteredOn(e -> e.source().equals("health check wiki-app-1")).hasSize(3)
                .last().satisfies(e -> assertThat(e.text()).endsWith("exit 1: curl: (28) Operation timed out"));
        assertThat(text(sick)).doesNotContain("wiki-db-1");
        assertThat(healthPlan(d)).extracting(Step::id).containsExactly("restart-container:wiki-app-1");
    }

    @Test
    void anUnhealthyContainerThatIsAlsoLoopingGetsNoRestart() {
        Diagnosis d = diagnose(container("flaky").health("unhealthy").restartPolicy("always").restartCount(8)
                .startedAgo(Duration.ofSeconds(40)).check(Duration.ofSeconds(5), 1, "").build());

        assertThat(finding(d, "container-unhealthy")).hasValueSatisfying(f -> {
            assertThat(f.steps()).isEmpty();
            assertThat(f.evidence()).anySatisfy(e -> assertThat(e.text()).contains("exit 1 (no output)"));
        });
        assertThat(finding(d, "container-restart-loop")).isPresent();
        assertThat(healthPlan(d)).isEmpty();
    }

    @Test
    void healthyStartingAndStoppedContainersRaiseNothing() {
        Diagnosis d = diagnose(container("a").health("healthy").build(), container("b").health("starting").build(),
                container("c").state("exited").exitCode(0).finishedAgo(Duration.ofMinutes(1)).build(),
                container("d").state("created").build(),
                container("e").state("exited").health("unhealthy").finishedAgo(Duration.ofMinutes(20)).build());

        assertThat(d.findings()).extracting(Finding::id)
                .doesNotContain("container-restart-loop", "container-oom-killed", "container-unhealthy");
        assertThat(d.hasProblems()).isFalse();
    }

    @Test
    void anUnreachableDaemonHasNoContainerFindings() {
        Diagnosis d = doctor.diagnose(host().daemonDown("connection refused").build());

        assertThat(d.findings()).extracting(Finding::id)
                .doesNotContain("container-restart-loop", "container-oom-killed", "container-unhealthy", "docker-disk-pressure");
    }
}
