package dev.dockerdoctor.diagnosis;

import dev.dockerdoctor.diagnosis.plan.PlanContext;
import dev.dockerdoctor.diagnosis.plan.Planner;
import dev.dockerdoctor.diagnosis.plan.PreventionSteps;
import dev.dockerdoctor.diagnosis.rules.DockerRestartedByUpgradeRule;
import dev.dockerdoctor.evidence.FakeJournal;
import dev.dockerdoctor.evidence.HostFiles;
import dev.dockerdoctor.evidence.LogProbe;
import dev.dockerdoctor.evidence.StoryLogs;
import dev.dockerdoctor.model.Diagnosis;
import dev.dockerdoctor.model.EventKind;
import dev.dockerdoctor.model.Evidence;
import dev.dockerdoctor.model.FileChange;
import dev.dockerdoctor.model.Finding;
import dev.dockerdoctor.model.HostSnapshot;
import dev.dockerdoctor.model.LogEvent;
import dev.dockerdoctor.model.Severity;
import dev.dockerdoctor.model.Step;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.dockerdoctor.diagnosis.LogSnapshots.ev;
import static dev.dockerdoctor.diagnosis.LogSnapshots.upgrade;
import static dev.dockerdoctor.diagnosis.LogSnapshots.withEvents;
import static org.assertj.core.api.Assertions.assertThat;

class DockerRestartedByUpgradeRuleTest {
    private static final Instant NOW = LogSnapshots.t("09:00:00").toInstant();
    private final DockerRestartedByUpgradeRule rule = new DockerRestartedByUpgradeRule();

    @TempDir
    Path root;

    @Test
    void theStorysLogsNameContainerdAndItsVersions() throws IOException {
        StoryLogs.write(root);
        LogProbe.Result logs = new LogProbe(new HostFiles(root), StoryLogs.ZONE, FakeJournal.empty())
                .read(StoryLogs.NOW.minus(Duration.ofHours(24)), StoryLogs.NOW);
        Diagnosis d = Doctor.standard(PlanContext.defaults()).diagnose(withEvents(StoryLogs.NOW, logs.events()));

        Finding f = d.findings().stream().filter(x -> x.id().equals("docker-restarted-by-upgrade")).findFirst().orElseThrow();
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.title()).isEqualTo("An upgrade of containerd.io, docker-ce-cli and docker-ce restarted Docker (06:20:17)");
        assertThat(f.detail())
                .contains("On 2021-10-07 at 06:20:17 the daily unattended upgrade (apt-daily-upgrade) ran and upgraded"
                        + " containerd.io 1.4.9-1 → 1.4.11-1, docker-ce-cli 5:20.10.8~3-0~ubuntu-focal → 5:20.10.9~3-0~ubuntu-focal")
                .contains("stopped Docker and containerd at 06:20:20 and started them again at 06:20:25")
                .contains("stops every security update");
        assertThat(f.evidence()).extracting(Evidence::text).contains(
                "Oct  7 06:20:17 gitlab-host systemd[1]: Starting Daily apt upgrade and clean activities...",
                "2021-10-07 06:20:19 upgrade containerd.io:amd64 1.4.9-1 1.4.11-1",
                "Oct  7 06:20:20 gitlab-host systemd[1]: Stopping containerd container runtime...",
                "Oct  7 06:20:22 gitlab-host systemd[1]: Reloading.",
                "Oct  7 06:20:25 gitlab-host systemd[1]: Started Docker Application Container Engine.");
        assertThat(f.evidence()).extracting(Evidence::source).contains("/var/log/syslog", "/var/log/dpkg.log");
        assertThat(f.steps()).containsExactly("hold-docker-packages", "blacklist-docker-upgrades", "disable-apt-daily-upgrade");
        assertThat(d.hasProblems()).isTrue();

        // the plan: prevention in order (after enable-live-restore, which this daemon also lacks), the timer last
        assertThat(d.plan()).extracting(Step::id).endsWith("hold-docker-packages", "blacklist-docker-upgrades",
                "disable-apt-daily-upgrade");
        int n = d.plan().size();
        Step hold = d.plan().get(n - 3);
        assertThat(hold.argv()).containsExactly(List.of("apt-mark", "hold", "docker-ce", "docker-ce-cli", "containerd.io"));
        assertThat(hold.mutating()).isTrue();
        assertThat(hold.warning()).contains("security updates stop too");
        Step blacklist = d.plan().get(n - 2);
        assertThat(blacklist.argv()).isEmpty();
        assertThat(blacklist.changes()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("content")
                .containsExactly(new FileChange("/etc/apt/apt.conf.d/51docker-doctor-blacklist",
                "Unattended-Upgrade::Package-Blacklist", null,
                "\"docker-ce\"; \"docker-ce-cli\"; \"docker-engine\"; \"docker.io\"; \"containerd\"; \"containerd.io\"; \"runc\"; \"moby-*\";"));
        assertThat(blacklist.changes().get(0).content()).as("the whole apt.conf file the step writes")
                .startsWith("// Written by docker-doctor").contains("Unattended-Upgrade::Package-Blacklist {", "\"moby-*\";");
        assertThat(blacklist.detail()).contains("every other security update still installs");
        Step disable = d.plan().get(n - 1);
        assertThat(disable.argv()).containsExactly(List.of("systemctl", "disable", "--now", "apt-daily-upgrade.timer"));
        assertThat(disable.warning()).isEqualTo("This stops ALL automatic security updates on this host, not only Docker's.");
    }

    @Test
    void aRestartHalfAnHourAfterTheUpgradeIsNotBlamedOnIt() {
        List<LogEvent> es = List.of(upgrade("06:20:19", "containerd.io", "1.4.9-1", "1.4.11-1"),
                ev("06:50:30", EventKind.DOCKER_STOP, "Stopping Docker Application Container Engine..."));
        assertThat(Doctor.check(rule, withEvents(NOW, es))).isEmpty();
    }

    @Test
    void aRestartWithinThirtyMinutesIs() {
        List<LogEvent> es = List.of(upgrade("06:20:19", "runc", "1.0.1-0ubuntu2~20.04.1", "1.0.1-0ubuntu2~20.04.2"),
                ev("06:49:30", EventKind.DOCKER_START, "Started Docker Application Container Engine."));
        List<Finding> fs = Doctor.check(rule, withEvents(NOW, es));
        assertThat(fs).hasSize(1);
        assertThat(fs.get(0).title()).startsWith("An upgrade of runc restarted Docker");
        assertThat(fs.get(0).detail()).contains("a package upgrade ran and upgraded runc 1.0.1-0ubuntu2~20.04.1 → 1.0.1-0ubuntu2~20.04.2");
    }

    @Test
    void otherPackagesDoNotCount() {
        LogEvent libssl = new LogEvent(LogSnapshots.t("06:20:19"), EventKind.PACKAGE_UPGRADE, "/var/log/dpkg.log", "x",
                "libssl1.1", "1", "2");
        List<LogEvent> es = List.of(libssl, ev("06:21:00", EventKind.DOCKER_STOP, "Stopping Docker Application Container Engine..."));
        assertThat(Doctor.check(rule, withEvents(NOW, es))).isEmpty();
    }

    @Test
    void anUpgradeRunWithoutPackageLogsStillExplainsTheRestartAndTheRunCountsUntilItsEnd() {
        List<LogEvent> es = List.of(
                ev("06:00:00", EventKind.APT_DAILY_UPGRADE_START, "Starting Daily apt upgrade and clean activities..."),
                ev("06:50:00", EventKind.APT_DAILY_UPGRADE_END, "Finished Daily apt upgrade and clean activities."),
                ev("07:15:00", EventKind.DOCKER_STOP, "Stopped Docker Application Container Engine."));
        HostSnapshot s = withEvents(NOW, es);
        List<Finding> fs = Doctor.check(rule, s);
        assertThat(fs).hasSize(1);
        assertThat(fs.get(0).title()).isEqualTo("The daily unattended upgrade restarted Docker (06:00:00)");
        assertThat(fs.get(0).detail()).contains("they were not seen starting again");
        // nothing known to hold: the planner offers the blacklist and, last, the timer
        List<Step> plan = new Planner(PlanContext.defaults()).plan(s, fs);
        assertThat(plan).extracting(Step::id).containsExactly("blacklist-docker-upgrades", "disable-apt-daily-upgrade");
    }

    @Test
    void noEventsNoFinding() {
        assertThat(Doctor.check(rule, withEvents(NOW, List.of()))).isEmpty();
        assertThat(Doctor.check(rule, withEvents(NOW, List.of(ev("06:21:00", EventKind.DOCKER_STOP, "x"))))).isEmpty();
    }

    @Test
    void theLatestIncidentIsDescribedAndEarlierOnesCounted() {
        List<LogEvent> es = List.of(
                upgrade("01:00:00", "docker.io", "20.10.7-0ubuntu1", "20.10.7-0ubuntu5"),
                ev("01:00:05", EventKind.DOCKER_STOP, "Stopping Docker Application Container Engine..."),
                upgrade("06:20:19", "containerd", "1.5.2-0ubuntu1", "1.5.5-0ubuntu3"),
                ev("06:20:20", EventKind.CONTAINERD_STOP, "Stopping containerd container runtime..."));
        List<Finding> fs = Doctor.check(rule, withEvents(NOW, es));
        assertThat(fs).hasSize(1);
        assertThat(fs.get(0).detail()).contains("containerd 1.5.2-0ubuntu1 → 1.5.5-0ubuntu3")
                .doesNotContain("docker.io").contains("It happened 1 more time earlier in the window.");
    }

    @Test
    void liveRestoreChangesWhatTheFindingSaysAboutContainers() {
        List<LogEvent> es = List.of(upgrade("06:20:19", "containerd.io", "1.4.9-1", "1.4.11-1"),
                ev("06:20:20", EventKind.DOCKER_STOP, "Stopping Docker Application Container Engine..."));
        HostSnapshot base = withEvents(NOW, es);
        assertThat(Doctor.check(rule, base).get(0).detail()).contains("Every running container stopped with Docker");
        HostSnapshot live = new HostSnapshot(base.takenAt(), base.zone(), base.since(),
                new dev.dockerdoctor.model.DaemonState(true, "/var/lib/docker", "overlay2", "20.10.9", 0, 0, 0, true, null, List.of()),
                base.config(), base.dataRoots(), base.events(), base.logStats(), base.compose(), base.composeProblems(), null);
        assertThat(Doctor.check(rule, live).get(0).detail()).contains("Live-restore is on");
    }

    @Test
    void theBlacklistFileIsAptConfSyntax() {
        assertThat(PreventionSteps.blacklistFileText()).contains("Unattended-Upgrade::Package-Blacklist {\n")
                .contains("    \"containerd.io\";\n").contains("    \"moby-*\";\n").endsWith("};\n");
    }
}
