package dev.dockerdoctor.diagnosis;

import dev.dockerdoctor.diagnosis.plan.PlanContext;
import dev.dockerdoctor.diagnosis.rules.LowDiskRule;
import dev.dockerdoctor.model.DaemonState;
import dev.dockerdoctor.model.Diagnosis;
import dev.dockerdoctor.model.FileChange;
import dev.dockerdoctor.model.Finding;
import dev.dockerdoctor.model.RootSetting;
import dev.dockerdoctor.model.Severity;
import dev.dockerdoctor.model.Step;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.dockerdoctor.testing.Snapshots.GIB;
import static dev.dockerdoctor.testing.Snapshots.host;
import static org.assertj.core.api.Assertions.assertThat;

class FoundationRulesTest {
    private final Doctor doctor = Doctor.standard(new PlanContext(List.of("systemctl", "restart", "docker"),
            List.of("systemctl", "start", "docker"), List.of("docker", "compose")));

    private static List<String> ids(Diagnosis d) {
        return d.findings().stream().map(Finding::id).toList();
    }

    @Test
    void theStoryDaemonBackOnTheEmptyDefaultRootIsDriftWithARestorePlan() {
        Diagnosis d = doctor.diagnose(host()
                .daemonOn("/var/lib/docker", 0, 0)
                .root("/var/lib/docker", true, 0, 0, 0)
                .root("/srv/docker", false, 12, 30, 8, "gitlab", "wiki")
                .build());

        assertThat(ids(d)).contains("data-root-drift");
        Finding drift = d.findings().stream().filter(f -> f.id().equals("data-root-drift")).findFirst().orElseThrow();
        assertThat(drift.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(drift.title()).contains("/var/lib/docker").contains("/srv/docker").contains("12");
        assertThat(drift.evidence()).anySatisfy(e -> assertThat(e.text()).contains("gitlab"));
        Step restore = d.plan().get(0);
        assertThat(restore.id()).isEqualTo("restore-data-root");
        assertThat(restore.changes()).containsExactly(new FileChange("/etc/docker/daemon.json", "data-root", null, "/srv/docker"));
        assertThat(restore.argv()).containsExactly(List.of("systemctl", "restart", "docker"));
        assertThat(d.hasProblems()).isTrue();
    }

    @Test
    void aLiveRootWithAFewContainersLeftIsStillDriftWhenAnotherHoldsTenTimesMore() {
        Diagnosis d = doctor.diagnose(host().daemonOn("/var/lib/docker", 2, 1)
                .root("/var/lib/docker", true, 2, 1, 0).root("/data/docker", false, 40, 50, 10).build());
        assertThat(ids(d)).contains("data-root-drift");
    }

    @Test
    void aHealthyHostWithOneRootInUseRaisesNoDriftAndNoProblem() {
        Diagnosis d = doctor.diagnose(host().daemonOn("/srv/docker", 12, 30)
                .daemonJson("live-restore", true)
                .setting(RootSetting.Kind.DAEMON_JSON, "/etc/docker/daemon.json", "data-root", "/srv/docker")
                .root("/srv/docker", true, 12, 30, 8, "gitlab").build());
        assertThat(ids(d)).doesNotContain("data-root-drift");
        assertThat(d.hasProblems()).isFalse();
    }

    @Test
    void anOldSmallRootBesideTheLiveOneIsNotDrift() {
        Diagnosis d = doctor.diagnose(host().daemonOn("/srv/docker", 12, 30)
                .root("/srv/docker", true, 12, 30, 8).root("/var/lib/docker", false, 1, 1, 0).build());
        assertThat(ids(d)).doesNotContain("data-root-drift");
    }

    @Test
    void aDaemonOnAnotherRootThanTheConfiguredOneIsDrift() {
        Diagnosis d = doctor.diagnose(host().daemonOn("/var/lib/docker", 3, 3)
                .setting(RootSetting.Kind.DAEMON_JSON, "/etc/docker/daemon.json", "data-root", "/srv/docker")
                .root("/var/lib/docker", true, 3, 3, 0).build());
        Finding f = d.findings().stream().filter(x -> x.id().equals("data-root-drift")).findFirst().orElseThrow();
        assertThat(f.title()).contains("configuration names /srv/docker");
        // daemon.json already names it: the step only restarts
        assertThat(d.plan().get(0).changes()).isEmpty();
        assertThat(d.plan().get(0).argv()).isNotEmpty();
    }

    @Test
    void restoreIsNotOfferedWhileAUnitFlagSetsARoot() {
        Diagnosis d = doctor.diagnose(host().daemonOn("/var/lib/docker", 0, 0)
                .setting(RootSetting.Kind.DROP_IN, "/etc/systemd/system/docker.service.d/root.conf", "--data-root", "/var/lib/docker")
                .root("/var/lib/docker", true, 0, 0, 0).root("/srv/docker", false, 5, 5, 1).build());
        assertThat(ids(d)).contains("data-root-drift");
        assertThat(d.plan()).extracting(Step::id).doesNotContain("restore-data-root");
    }

    @Test
    void unreachableDaemonIsCriticalWhereDockerIsInstalledAndAdviceWhereItIsNot() {
        Diagnosis installed = doctor.diagnose(host().daemonDown("connection refused")
                .root("/srv/docker", false, 12, 30, 8, "gitlab").build());
        Finding f = installed.findings().get(0);
        assertThat(f.id()).isEqualTo("daemon-unreachable");
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.evidence()).anySatisfy(e -> assertThat(e.source()).isEqualTo("/srv/docker"));
        assertThat(installed.plan()).extracting(Step::id).containsExactly("start-docker");
        assertThat(installed.hasProblems()).isTrue();

        Diagnosis laptop = doctor.diagnose(host().notInstalled().daemonDown("no such socket").build());
        assertThat(laptop.findings()).singleElement().satisfies(x -> {
            assertThat(x.id()).isEqualTo("daemon-unreachable");
            assertThat(x.severity()).isEqualTo(Severity.INFO);
        });
        assertThat(laptop.hasProblems()).isFalse();
    }

    @Test
    void aRunningDaemonsSilenceIsExplainedByItsKind() {
        String denied = doctor.diagnose(host().process(812, "/usr/bin/dockerd", "-H", "fd://")
                .daemonDown(DaemonState.Failure.PERMISSION_DENIED, "no Docker daemon at unix:///var/run/docker.sock"
                        + " (permission denied: run as root or as a member of the docker group)").build())
                .findings().get(0).detail();
        assertThat(denied).contains("may not use its socket").contains("the daemon may well be fine")
                .doesNotContain("stuck");
        String slow = doctor.diagnose(host().process(812, "/usr/bin/dockerd")
                .daemonDown(DaemonState.Failure.NO_ANSWER, "did not answer GET /info (timed out after 5 s)").build())
                .findings().get(0).detail();
        assertThat(slow).contains("did not answer in time").contains("starting");
        String refused = doctor.diagnose(host().process(812, "/usr/bin/dockerd")
                .daemonDown(DaemonState.Failure.DAEMON_ERROR, "refused GET /info: HTTP 400 (client version 1.41 is too old)")
                .build()).findings().get(0).detail();
        assertThat(refused).contains("the daemon itself is up");
    }

    @Test
    void aRootSetBothAsFlagAndInDaemonJsonIsAConflict() {
        Diagnosis d = doctor.diagnose(host().daemonDown("connection refused")
                .setting(RootSetting.Kind.VENDOR_UNIT, "/lib/systemd/system/docker.service", "--data-root", "/srv/docker")
                .setting(RootSetting.Kind.DAEMON_JSON, "/etc/docker/daemon.json", "data-root", "/srv/docker").build());
        assertThat(ids(d)).contains("data-root-conflict", "data-root-in-vendor-unit", "daemon-unreachable");
        Finding c = d.findings().stream().filter(x -> x.id().equals("data-root-conflict")).findFirst().orElseThrow();
        assertThat(c.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(c.evidence()).hasSize(2);
        // start-docker would fail: not offered
        assertThat(d.plan()).extracting(Step::id).doesNotContain("start-docker");
    }

    @Test
    void aRootInTheVendorUnitIsAWarningNamingTheFile() {
        Diagnosis d = doctor.diagnose(host().daemonOn("/srv/docker", 12, 30)
                .setting(RootSetting.Kind.VENDOR_UNIT, "/lib/systemd/system/docker.service", "--data-root", "/srv/docker")
                .root("/srv/docker", true, 12, 30, 8).build());
        Finding f = d.findings().stream().filter(x -> x.id().equals("data-root-in-vendor-unit")).findFirst().orElseThrow();
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.detail()).contains("/lib/systemd/system/docker.service").contains("daemon.json");
    }

    @Test
    void lowDiskWhereTheRootWouldGoBack() {
        Diagnosis d = doctor.diagnose(host().daemonOn("/var/lib/docker", 0, 0)
                .root("/var/lib/docker", true, 0, 0, 0).root("/srv/docker", false, 12, 30, 8, 3 * GIB, 1000 * GIB).build());
        assertThat(ids(d)).contains("low-disk");
        Diagnosis plenty = doctor.diagnose(host().daemonOn("/var/lib/docker", 0, 0)
                .root("/var/lib/docker", true, 0, 0, 0).root("/srv/docker", false, 12, 30, 8, 200 * GIB, 1000 * GIB).build());
        assertThat(ids(plenty)).doesNotContain("low-disk");
    }

    @Test
    void lowDiskThresholdIsTenPercentOrFiveGib() {
        assertThat(LowDiskRule.isLow(4 * GIB, 10 * GIB)).isTrue();
        assertThat(LowDiskRule.isLow(9 * GIB, 100 * GIB)).isTrue();
        assertThat(LowDiskRule.isLow(11 * GIB, 100 * GIB)).isFalse();
        assertThat(LowDiskRule.isLow(null, null)).isFalse();
    }

    @Test
    void liveRestoreOffIsAdviceThatDoesNotChangeTheExitStatus() {
        Diagnosis d = doctor.diagnose(host().daemonOn("/srv/docker", 3, 3).process(812, "/usr/bin/dockerd")
                .root("/srv/docker", true, 3, 3, 0).build());
        assertThat(ids(d)).containsExactly("live-restore-disabled");
        assertThat(d.hasProblems()).isFalse();
        Step s = d.plan().get(0);
        assertThat(s.id()).isEqualTo("enable-live-restore");
        assertThat(s.changes()).containsExactly(new FileChange("/etc/docker/daemon.json", "live-restore", null, "true"));
        assertThat(s.argv()).containsExactly(List.of("kill", "-s", "HUP", "812"));
    }

    @Test
    void aCorruptDaemonJsonIsAFindingAndNoStepEditsIt() {
        Diagnosis d = doctor.diagnose(host().daemonDown("connection refused")
                .corruptDaemonJson("is not valid JSON at line 3, column 1: Unexpected end-of-input")
                .root("/srv/docker", false, 3, 3, 0).build());
        Finding f = d.findings().stream().filter(x -> x.id().equals("daemon-json-invalid")).findFirst().orElseThrow();
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.detail()).contains("line 3");
        assertThat(d.plan()).extracting(Step::id).doesNotContain("restore-data-root", "enable-live-restore");
    }

    @Test
    void aRootAnotherRunningDockerdUsesIsNotAnOrphan() {
        var snapshot = host().daemonOn("/srv/docker", 3, 3)
                .root("/srv/docker", true, 3, 3, 0).root("/opt/ci/docker", false, 150, 40, 0).build();
        var withOther = new dev.dockerdoctor.model.HostSnapshot(snapshot.takenAt(), snapshot.zone(), snapshot.since(),
                snapshot.daemon(), new dev.dockerdoctor.model.DockerConfig(snapshot.config().daemonJsonPath(), null,
                java.util.Map.of(), null, List.of(), null, List.of(), List.of(new dev.dockerdoctor.model.DockerdProcess(4711,
                List.of("/usr/bin/dockerd", "--data-root", "/opt/ci/docker", "-H", "unix:///run/ci.sock"), false)),
                true, List.of(), List.of(), java.util.Map.of()),
                snapshot.dataRoots(), List.of(), snapshot.logStats(), List.of(), List.of(), null);
        assertThat(ids(doctor.diagnose(snapshot))).contains("data-root-drift");
        assertThat(ids(doctor.diagnose(withOther))).doesNotContain("data-root-drift");
    }
}
