package dev.dockerdoctor.diagnosis;

import dev.dockerdoctor.diagnosis.plan.ComposeSteps;
import dev.dockerdoctor.diagnosis.plan.PlanContext;
import dev.dockerdoctor.diagnosis.plan.Planner;
import dev.dockerdoctor.diagnosis.rules.ComposeFileInvalidRule;
import dev.dockerdoctor.diagnosis.rules.ComposeServicesDownRule;
import dev.dockerdoctor.diagnosis.rules.NamedVolumesAtRiskRule;
import dev.dockerdoctor.diagnosis.rules.Rules;
import dev.dockerdoctor.model.ComposeProblem;
import dev.dockerdoctor.model.ComposeProject;
import dev.dockerdoctor.model.ComposeService;
import dev.dockerdoctor.model.Diagnosis;
import dev.dockerdoctor.model.Finding;
import dev.dockerdoctor.model.HostSnapshot;
import dev.dockerdoctor.model.RootSetting;
import dev.dockerdoctor.model.ServiceState;
import dev.dockerdoctor.model.Severity;
import dev.dockerdoctor.model.Step;
import dev.dockerdoctor.model.StepId;
import dev.dockerdoctor.model.VolumeMount;
import dev.dockerdoctor.testing.Snapshots;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.dockerdoctor.testing.Snapshots.host;
import static org.assertj.core.api.Assertions.assertThat;

class ComposeRulesTest {
    private static final PlanContext V1 = new PlanContext(List.of("systemctl", "restart", "docker"),
            List.of("systemctl", "start", "docker"), List.of("docker-compose"));

    /** GitLab as the story has it: web needs db and redis; data in named volumes and a bind mount. */
    private static ComposeProject gitlab(ServiceState web, ServiceState db, ServiceState redis, ServiceState adminer) {
        return new ComposeProject("gitlab", "/srv/gitlab", List.of("/srv/gitlab/docker-compose.yml",
                "/srv/gitlab/docker-compose.override.yml"), List.of(
                new ComposeService("web", "gitlab/gitlab-ce", null, List.of(), List.of("db", "redis"),
                        List.of(new VolumeMount("volume", "gitlab-data", "/var/opt/gitlab"),
                                new VolumeMount("bind", "/srv/gitlab/config", "/etc/gitlab", false, true)), web),
                new ComposeService("redis", "redis", null, List.of(), List.of(), List.of(), redis),
                new ComposeService("db", "postgres", null, List.of(), List.of(),
                        List.of(new VolumeMount("volume", "pg", "/var/lib/postgresql/data")), db),
                new ComposeService("adminer", "adminer", null, List.of("debug"), List.of("db"), List.of(), adminer)),
                List.of("gitlab_gitlab-data", "gitlab_pg"));
    }

    private static ComposeProject downGitlab() {
        return gitlab(ServiceState.MISSING, ServiceState.MISSING, ServiceState.MISSING, ServiceState.INACTIVE);
    }

    /** The story's morning: dockerd back on the empty default root, everything on /srv/docker. */
    private static Snapshots drifted() {
        return host().daemonOn("/var/lib/docker", 0, 0).process(1, "/usr/bin/dockerd")
                .root("/var/lib/docker", true, 0, 0, 0).root("/srv/docker", false, 3, 3, 2, "gitlab");
    }

    /** The same host after the root is back: Docker on /srv/docker again, gitlab still down. */
    private static Snapshots rootRight() {
        return host().daemonOn("/srv/docker", 3, 3).process(1, "/usr/bin/dockerd", "--data-root", "/srv/docker")
                .setting(RootSetting.Kind.DAEMON_JSON, "/etc/docker/daemon.json", "data-root", "/srv/docker")
                .root("/srv/docker", true, 3, 3, 2, "gitlab");
    }

    private static Diagnosis diagnose(HostSnapshot s) {
        return new Doctor(Rules.all(), new Planner(V1)).diagnose(s);
    }

    private static List<Step> composeSteps(Diagnosis d) {
        return d.plan().stream().filter(st -> st.id().startsWith("compose-up:")).toList();
    }

    private static List<Finding> findings(Diagnosis d, String id) {
        return d.findings().stream().filter(f -> f.id().equals(id)).toList();
    }

    @Test
    void onADriftedRootNamedVolumesAtRiskNamesTheVolumesAndTheRestoreComesBeforeAnyComposeUp() {
        Diagnosis d = diagnose(drifted().compose(downGitlab()).build());
        assertThat(findings(d, "named-volumes-at-risk")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.title()).contains("gitlab_gitlab-data", "gitlab_pg");
            assertThat(f.detail()).contains("/srv/docker");
            assertThat(f.steps()).containsExactly("restore-data-root");
        });
        assertThat(findings(d, "compose-services-down")).singleElement().satisfies(f -> {
            assertThat(f.title()).contains("gitlab", "3 of 3", "web missing");
            assertThat(f.detail()).contains("not right yet");
            assertThat(f.steps()).containsExactly("compose-up:gitlab");
        });
        assertThat(d.plan()).extracting(Step::id).contains("restore-data-root").doesNotContain("compose-up:gitlab");
    }

    @Test
    void onceTheRootIsRightComposeUpIsOfferedInDependencyOrderWithTheHostsCommand() {
        Diagnosis d = diagnose(rootRight().compose(downGitlab()).build());
        assertThat(findings(d, "named-volumes-at-risk")).isEmpty();
        assertThat(composeSteps(d)).extracting(Step::id).containsExactly("compose-up:gitlab");
        Step up = composeSteps(d).get(0);
        assertThat(up.argv()).singleElement().isEqualTo(List.of("docker-compose", "-p", "gitlab",
                "-f", "/srv/gitlab/docker-compose.yml", "-f", "/srv/gitlab/docker-compose.override.yml",
                "up", "-d", "redis", "db", "web"));
        assertThat(up.mutating()).isTrue();
        assertThat(up.warning()).contains("data root");
    }

    @Test
    void restoreDataRootRanksBeforeComposeUpInTheSafeOrder() {
        assertThat(StepId.rank("restore-data-root")).isLessThan(StepId.rank("compose-up:gitlab"));
        assertThat(StepId.rank("mount-data-root-disk")).isLessThan(StepId.rank("compose-up:gitlab"));
    }

    @Test
    void noComposeUpForARunningProjectAnInvalidFileOrMissingBindSources() {
        ComposeProject running = gitlab(ServiceState.RUNNING, ServiceState.RUNNING, ServiceState.RUNNING, ServiceState.INACTIVE);
        Diagnosis ok = diagnose(rootRight().compose(running).build());
        assertThat(findings(ok, "compose-services-down")).isEmpty();
        assertThat(composeSteps(ok)).isEmpty();

        Diagnosis invalid = diagnose(rootRight().compose(downGitlab())
                .composeProblem(new ComposeProblem("/srv/gitlab/docker-compose.yml", 7, "services.web.image must be a string")).build());
        assertThat(findings(invalid, "compose-file-invalid")).singleElement().satisfies(f -> {
            assertThat(f.title()).contains("/srv/gitlab/docker-compose.yml, line 7", "must be a string");
            assertThat(f.evidence()).extracting(e -> e.source()).containsExactly("/srv/gitlab/docker-compose.yml:7");
        });
        assertThat(invalid.plan()).extracting(Step::id).doesNotContain("compose-up:gitlab");

        ComposeProject noData = new ComposeProject("gitlab", "/srv/gitlab", List.of("/srv/gitlab/compose.yaml"), List.of(
                new ComposeService("web", "gitlab/gitlab-ce", null, List.of(), List.of(), List.of(
                        new VolumeMount("bind", "/mnt/data/gitlab", "/var/opt/gitlab", false, false)), ServiceState.MISSING)),
                List.of());
        Diagnosis missing = diagnose(rootRight().fstab("/mnt/data", "/dev/sdb1", "ext4").mount("/", "/dev/sda1", "ext4")
                .compose(noData).build());
        assertThat(findings(missing, "bind-mount-source-missing")).singleElement().satisfies(f -> {
            assertThat(f.title()).contains("/mnt/data/gitlab");
            assertThat(f.evidence()).extracting(e -> e.text()).anyMatch(t -> t.contains("/mnt/data") && t.contains("not mounted"));
        });
        assertThat(missing.plan()).extracting(Step::id).doesNotContain("compose-up:gitlab");
    }

    @Test
    void aServiceBehindADisabledProfileOrAFinishedOneShotJobIsNotDown() {
        ComposeProject p = new ComposeProject("app", "/srv/app", List.of("/srv/app/compose.yaml"), List.of(
                new ComposeService("web", "x", null, List.of(), List.of("migrate"), List.of(), ServiceState.RUNNING,
                        null, List.of(), List.of(), List.of("migrate")),
                new ComposeService("migrate", "x", null, List.of(), List.of(), List.of(), ServiceState.STOPPED),
                new ComposeService("debug", "x", null, List.of("debug"), List.of(), List.of(), ServiceState.INACTIVE)),
                List.of());
        assertThat(Doctor.check(new ComposeServicesDownRule(), rootRight().compose(p).build())).isEmpty();
    }

    @Test
    void saysNothingAboutServicesWhenTheDaemonDoesNotAnswer() {
        ComposeProject unknown = gitlab(null, null, null, null);
        HostSnapshot s = host().daemonDown("connection refused").compose(unknown).build();
        assertThat(Doctor.check(new ComposeServicesDownRule(), s)).isEmpty();
        assertThat(Doctor.check(new NamedVolumesAtRiskRule(), s)).isEmpty();
    }

    @Test
    void aMissingFileNamedByLabelsIsSaidAsMissing() {
        HostSnapshot s = rootRight().composeProblem(new ComposeProblem("/mnt/big/gitlab/docker-compose.yml", null,
                "compose file of project gitlab, named by the labels of container gitlab, is not on this host")).build();
        assertThat(Doctor.check(new ComposeFileInvalidRule(), s)).singleElement()
                .satisfies(f -> assertThat(f.title()).isEqualTo("Compose file /mnt/big/gitlab/docker-compose.yml is missing"));
    }

    @Test
    void composeUpRunsTheV2PluginWithTheProjectDirectoryWhenLabelsSaySo() {
        ComposeProject p = new ComposeProject("wiki", "/srv/wiki", List.of("/opt/stacks/wiki.yml"), List.of(
                new ComposeService("app", "wiki", null, List.of(), List.of(), List.of(), ServiceState.STOPPED)), List.of());
        Diagnosis d = new Doctor(Rules.all(), new Planner(PlanContext.defaults())).diagnose(rootRight().compose(p).build());
        assertThat(composeSteps(d)).singleElement().satisfies(st -> assertThat(st.argv().get(0)).containsExactly(
                "docker", "compose", "-p", "wiki", "-f", "/opt/stacks/wiki.yml", "--project-directory", "/srv/wiki",
                "up", "-d", "app"));
    }

    @Test
    void dependencyOrderSurvivesACycle() {
        List<ComposeService> cyc = List.of(
                new ComposeService("a", "x", null, List.of(), List.of("b"), List.of(), ServiceState.MISSING),
                new ComposeService("b", "x", null, List.of(), List.of("a"), List.of(), ServiceState.MISSING),
                new ComposeService("c", "x", null, List.of(), List.of("a"), List.of(), ServiceState.MISSING));
        assertThat(ComposeSteps.order(cyc)).containsExactly("a", "b", "c");
    }
}
