package dev.dockerdoctor.diagnosis;

import dev.dockerdoctor.diagnosis.plan.PlanContext;
import dev.dockerdoctor.diagnosis.plan.Planner;
import dev.dockerdoctor.model.Diagnosis;
import dev.dockerdoctor.model.DiskUsage.Category;
import dev.dockerdoctor.model.DiskUsage.Item;
import dev.dockerdoctor.model.DiskUsage;
import dev.dockerdoctor.model.Evidence;
import dev.dockerdoctor.model.Finding;
import dev.dockerdoctor.model.Severity;
import dev.dockerdoctor.model.Step;
import dev.dockerdoctor.parse.SystemDfParser;
import dev.dockerdoctor.testing.Resources;
import dev.dockerdoctor.testing.Snapshots;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static dev.dockerdoctor.testing.Snapshots.GIB;
import static dev.dockerdoctor.testing.Snapshots.host;
import static org.assertj.core.api.Assertions.assertThat;

class DockerDiskPressureRuleTest {
    private static final List<String> CLI = List.of("docker", "-H", "unix:///run/test.sock");
    private final Doctor doctor = Doctor.standard(PlanContext.defaults().withDockerCli(CLI));
    /** The daemon's own /system/df, recorded from dockerd 20.10 (see SystemDfParserTest). */
    private static final DiskUsage RECORDED = SystemDfParser.parse(Resources.text("docker/system-df-20.10.json")).orElseThrow();

    private static Snapshots liveRootWith(long free, long total) {
        return host().daemonOn("/var/lib/docker", 5, 5)
                .root("/var/lib/docker", true, 5, 5, 1, free, total);
    }

    /** The plan's steps of this families (a test snapshot also gets advice such as enable-live-restore). */
    private static List<Step> healthPlan(Diagnosis d) {
        return d.plan().stream().filter(s -> s.id().startsWith("restart-container:") || s.id().startsWith("prune-docker:")).toList();
    }

    private static Optional<Finding> pressure(Diagnosis d) {
        return d.findings().stream().filter(f -> f.id().equals("docker-disk-pressure")).findFirst();
    }

    private static Category cat(String what, long bytes, Item... items) {
        return new Category(what, items.length, bytes, items.length, bytes, List.of(items));
    }

    @Test
    void aNearlyFullLiveRootListsWhatTheDaemonCouldReclaimLargestFirstAndPrunesNoVolumes() {
        Diagnosis d = doctor.diagnose(liveRootWith(3 * GIB, 100 * GIB).diskUsage(RECORDED).build());

        Finding f = pressure(d).orElseThrow();
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.title()).isEqualTo("Docker's disk is filling up: 3.0 GiB free of 100.0 GiB (3%)");
        List<String> df = f.evidence().stream().filter(e -> e.source().equals("/system/df")).map(Evidence::text).toList();
        assertThat(df).hasSize(3);
        assertThat(df.get(0)).startsWith("stopped containers: 2, 2.9 MiB reclaimable (stopped1 2.9 MiB, oom 0 B)");
        assertThat(df.get(1)).startsWith("dangling images: 2, 488.3 KiB reclaimable (6bc1aacd9a9b 488.3 KiB, 54bb96e9d9ea 0 B)");
        assertThat(df.get(2)).contains("volumes: 1, 1.9 MiB").contains("never pruned");
        assertThat(f.steps()).containsExactly("prune-docker:containers", "prune-docker:images");
        assertThat(f.detail()).contains("Volumes are never pruned");

        List<Step> prunes = healthPlan(d);
        assertThat(prunes).extracting(Step::id).containsExactly("prune-docker:containers", "prune-docker:images");
        assertThat(prunes).extracting(Step::argv).containsExactly(
                List.of(List.of("docker", "-H", "unix:///run/test.sock", "container", "prune", "-f")),
                List.of(List.of("docker", "-H", "unix:///run/test.sock", "image", "prune", "-f")));
        assertThat(prunes).allSatisfy(s -> {
            assertThat(s.mutating()).isTrue();
            assertThat(s.warning()).startsWith("Deletes ").hasSizeLessThanOrEqualTo(300);
            assertThat(s.commands()).noneMatch(c -> c.contains("volume") || c.contains(" -a") || c.contains("system prune"));
        });
        assertThat(prunes.get(0).title()).isEqualTo("Delete 2 stopped containers (frees about 2.9 MiB)");
        assertThat(prunes.get(0).warning()).contains("stopped1, oom").contains("Volumes and images are kept");
        assertThat(prunes.get(1).title()).isEqualTo("Delete 2 dangling images (frees about 488.3 KiB)");
    }

    @Test
    void buildCacheLargestComesFirstAndEveryStepSaysItsSize() {
        DiskUsage u = new DiskUsage(cat("images", 2 * GIB, new Item("aaa", 2 * GIB)),
                cat("containers", 0), cat("build-cache", 9 * GIB, new Item("c1", 5 * GIB), new Item("c2", 4 * GIB)),
                cat("volumes", 40 * GIB, new Item("gitlab_data", 40 * GIB)));
        Diagnosis d = doctor.diagnose(liveRootWith(4 * GIB, 20 * GIB).diskUsage(u).build());

        Finding f = pressure(d).orElseThrow();
        assertThat(f.steps()).containsExactly("prune-docker:build-cache", "prune-docker:images");
        assertThat(f.detail()).contains("Docker could free about 11.0 GiB without touching data: unused build cache 9.0 GiB, dangling images 2.0 GiB.");
        assertThat(healthPlan(d)).extracting(Step::title).containsExactly(
                "Delete unused build cache (frees about 9.0 GiB)", "Delete 1 dangling image (frees about 2.0 GiB)");
        assertThat(healthPlan(d).get(0).warning()).isEqualTo("Deletes 2 unused build cache entries (9.0 GiB): c1, c2."
                + " Images, containers and volumes are kept.");
    }

    @Test
    void aVolumePruneIsNeverPlannedEvenWhenAskedFor() {
        DiskUsage u = new DiskUsage(cat("images", 0), cat("containers", 0), cat("build-cache", 0),
                cat("volumes", 40 * GIB, new Item("gitlab_data", 40 * GIB)));
        var s = liveRootWith(1 * GIB, 20 * GIB).diskUsage(u).build();
        Finding asking = new Finding("x", Severity.WARNING, "x", "x", List.of(),
                List.of("prune-docker:volumes", "prune-docker:images", "prune-docker:everything"));

        assertThat(new Planner(PlanContext.defaults()).plan(s, List.of(asking))).isEmpty();
        Finding f = pressure(doctor.diagnose(s)).orElseThrow();
        assertThat(f.steps()).isEmpty();
        assertThat(f.detail()).contains("Docker itself has little to reclaim");
    }

    @Test
    void aWarningNamesAsManyItemsAsFitAConfirmDialog() {
        List<Item> many = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) many.add(new Item("gitlab-runner-build-" + i, 100_000_000L - i));
        DiskUsage u = new DiskUsage(cat("images", 0), new Category("containers", 60, 6 * GIB, 60, 6 * GIB, many),
                cat("build-cache", 0), cat("volumes", 0));
        Step s = new Planner(PlanContext.defaults()).plan(liveRootWith(1 * GIB, 20 * GIB).diskUsage(u).build(),
                List.of(new Finding("x", Severity.WARNING, "x", "x", List.of(), List.of("prune-docker:containers")))).get(0);

        assertThat(s.warning()).hasSizeLessThanOrEqualTo(300).contains("gitlab-runner-build-0, ").containsPattern(" and \\d+ more\\.")
                .endsWith("Volumes and images are kept.");
    }

    @Test
    void enoughFreeSpaceRaisesNothing() {
        Diagnosis d = doctor.diagnose(liveRootWith(500 * GIB, 1000 * GIB).diskUsage(RECORDED).build());

        assertThat(pressure(d)).isEmpty();
        assertThat(healthPlan(d)).isEmpty();
        assertThat(d.hasProblems()).isFalse();
    }

    @Test
    void underFiveGibFreeOnABigDiskIsPressureEvenAbove10Percent() {
        assertThat(pressure(doctor.diagnose(liveRootWith(4 * GIB, 30 * GIB).build()))).isPresent();
        assertThat(pressure(doctor.diagnose(liveRootWith(6 * GIB, 30 * GIB).build()))).isEmpty();
        assertThat(pressure(doctor.diagnose(liveRootWith(8 * GIB, 100 * GIB).build()))).as("8%").isPresent();
    }

    @Test
    void withoutTheDaemonsAccountingItSaysSoAndOffersNoPrune() {
        Diagnosis d = doctor.diagnose(liveRootWith(1 * GIB, 50 * GIB).build());

        Finding f = pressure(d).orElseThrow();
        assertThat(f.evidence()).extracting(Evidence::text).contains("the daemon's disk accounting was not available");
        assertThat(f.steps()).isEmpty();
    }

    @Test
    void aFullDiskUnderAnotherRootIsNotThisFinding() {
        // the orphaned big-disk root is nearly full: that is low-disk's business (where the plan would go), not this
        Diagnosis d = doctor.diagnose(host().daemonOn("/var/lib/docker", 5, 5)
                .root("/var/lib/docker", true, 5, 5, 1).root("/srv/docker", false, 0, 0, 0, 1 * GIB, 100 * GIB)
                .diskUsage(RECORDED).build());

        assertThat(pressure(d)).isEmpty();
    }
}
