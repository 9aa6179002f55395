package dev.dockerdoctor.diagnosis;

import dev.dockerdoctor.diagnosis.facts.ChangeDetector;
import dev.dockerdoctor.diagnosis.plan.PlanContext;
import dev.dockerdoctor.model.Diagnosis;
import dev.dockerdoctor.model.EventKind;
import dev.dockerdoctor.model.FileChange;
import dev.dockerdoctor.model.Finding;
import dev.dockerdoctor.model.LastKnownGood;
import dev.dockerdoctor.model.LogEvent;
import dev.dockerdoctor.model.MountPoint;
import dev.dockerdoctor.model.RootSetting;
import dev.dockerdoctor.model.Severity;
import dev.dockerdoctor.model.Step;
import dev.dockerdoctor.model.UnitFile;
import dev.dockerdoctor.testing.Snapshots;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static dev.dockerdoctor.testing.Snapshots.host;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each known way a host "loses" its containers gets its own finding and its own step, and not the others'.
 * (Real-daemon reproductions are in FailureClassesIT.)
 */
class FailureClassesTest {
    private final Doctor doctor = Doctor.standard(PlanContext.defaults());
    private static final String VENDOR_EXEC = "/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock";

    private static List<String> ids(Diagnosis d) {
        return d.findings().stream().map(Finding::id).toList();
    }

    /** The plan's steps other than the live-restore advice, which any host without live-restore gets. */
    private static List<String> steps(Diagnosis d) {
        return d.plan().stream().map(Step::id).filter(id -> !id.equals("enable-live-restore")).toList();
    }

    private static List<String> problems(Diagnosis d) {
        return d.findings().stream().filter(f -> f.severity().isProblem()).map(Finding::id).toList();
    }

    private static LastKnownGood good(String daemonJson, String execStart, String root, String driver, MountPoint... mounts) {
        return new LastKnownGood(Snapshots.NOW.minusSeconds(86_400), daemonJson, execStart, List.of(), root, driver, 12, 30, List.of(mounts));
    }

    @Test
    void bigDiskNotMountedGetsMountStepAndNoRestoreOrComposeStep() {
        Diagnosis d = doctor.diagnose(host()
                .daemonOn("/srv/docker", 0, 0)
                .setting(RootSetting.Kind.DAEMON_JSON, "/etc/docker/daemon.json", "data-root", "/srv/docker")
                .fstab("/srv", "UUID=abcd", "ext4")
                .mount("/", "/dev/vda1", "ext4")
                .root("/srv/docker", true, 0, 0, 0)
                .root("/var/lib/docker", false, 3, 3, 0) // an old root: must not lure the plan there
                .build());
        assertThat(ids(d)).contains("data-root-disk-not-mounted").doesNotContain("data-root-drift");
        assertThat(steps(d)).containsExactly("mount-data-root-disk");
        assertThat(d.plan().get(0).argv()).containsExactly(List.of("mount", "/srv"), List.of("systemctl", "restart", "docker"));
    }

    @Test
    void bigDiskMountedIsHealthy() {
        Diagnosis d = doctor.diagnose(host().daemonOn("/srv/docker", 12, 30)
                .daemonJson("live-restore", true)
                .setting(RootSetting.Kind.DAEMON_JSON, "/etc/docker/daemon.json", "data-root", "/srv/docker")
                .fstab("/srv", "UUID=abcd", "ext4").mount("/", "/dev/vda1", "ext4").mount("/srv", "/dev/sdb1", "ext4")
                .root("/srv/docker", true, 12, 30, 8).build());
        assertThat(problems(d)).isEmpty();
    }

    @Test
    void storageDriverChangedGetsItsOwnStep() {
        Diagnosis d = doctor.diagnose(withDriverRoot(Map.of("overlay2", 30, "vfs", 0)));
        assertThat(ids(d)).contains("storage-driver-changed").doesNotContain("data-root-drift");
        assertThat(steps(d)).containsExactly("restore-storage-driver");
        assertThat(d.plan().get(0).changes()).containsExactly(
                new FileChange("/etc/docker/daemon.json", "storage-driver", "vfs", "overlay2"));
    }

    @Test
    void aRootWhoseImagesMatchTheDriverIsNotADriverChange() {
        assertThat(ids(doctor.diagnose(withDriverRoot(Map.of("vfs", 30))))).doesNotContain("storage-driver-changed");
        // leftovers of an old driver beside a working one are not a change either
        assertThat(ids(doctor.diagnose(withDriverRoot(Map.of("vfs", 30, "aufs", 2))))).doesNotContain("storage-driver-changed");
    }

    private static dev.dockerdoctor.model.HostSnapshot withDriverRoot(Map<String, Integer> imagesByDriver) {
        var base = host()
                .daemon(new dev.dockerdoctor.model.DaemonState(true, "/var/lib/docker", "vfs", "20.10.24", 0, 0, 0, false, null, List.of()))
                .daemonJson("storage-driver", "vfs").build();
        var root = new dev.dockerdoctor.model.DataRoot("/var/lib/docker", true, 12, 30, 8, List.of("gitlab"),
                500 * Snapshots.GIB, 1000 * Snapshots.GIB, imagesByDriver, List.of());
        return new dev.dockerdoctor.model.HostSnapshot(base.takenAt(), base.zone(), base.since(), base.daemon(), base.config(),
                List.of(root), List.of(), base.logStats(), List.of(), List.of(), null);
    }

    // Docker 28/29 with the containerd image store switched on: the classic store's containers and images vanish
    private static dev.dockerdoctor.model.HostSnapshot storeSwitched(String store, int shownContainers, String driverOfRecords,
                                                                     int classicImages, int containerdImages) {
        List<dev.dockerdoctor.model.ContainerInfo> listed = new java.util.ArrayList<>();
        for (int i = 0; i < shownContainers; i++) {
            listed.add(dev.dockerdoctor.model.ContainerInfo.basic("new" + i, "new-" + i, "redis", "running", Map.of()));
        }
        var base = host().daemon(new dev.dockerdoctor.model.DaemonState(true, "/var/lib/docker", "overlay2", "28.5.2",
                        shownContainers, shownContainers, 0, false, null, listed, null, store))
                .daemonJson("features", Map.of("containerd-snapshotter", true)).build();
        List<dev.dockerdoctor.model.DiskContainer> records = List.of(
                new dev.dockerdoctor.model.DiskContainer("a".repeat(64), "gitlab-web-1", "gitlab/gitlab-ce", true, Map.of(), driverOfRecords),
                new dev.dockerdoctor.model.DiskContainer("b".repeat(64), "gitlab-db-1", "postgres", true, Map.of(), driverOfRecords));
        var root = new dev.dockerdoctor.model.DataRoot("/var/lib/docker", true, 2, classicImages, 3, List.of("gitlab"),
                500 * Snapshots.GIB, 1000 * Snapshots.GIB, classicImages == 0 ? Map.of() : Map.of("overlay2", classicImages),
                records, containerdImages);
        return new dev.dockerdoctor.model.HostSnapshot(base.takenAt(), base.zone(), base.since(), base.daemon(), base.config(),
                List.of(root), List.of(), base.logStats(), List.of(), List.of(), null);
    }

    @Test
    void theContainerdStoreSwitchedOnHidesTheClassicStoreAndTheStepSwitchesBackKeepingTheOtherKeys() {
        Diagnosis d = doctor.diagnose(storeSwitched("containerd", 0, "overlay2", 9, 0));
        Finding f = d.findings().stream().filter(x -> x.id().equals("containerd-image-store-switched")).findFirst().orElseThrow();
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.title()).isEqualTo("Docker switched to the containerd image store: 2 containers and 9 images of the"
                + " classic store are hidden (still on disk)");
        assertThat(f.evidence()).extracting(e -> e.source() + ": " + e.text()).contains(
                "/var/lib/docker/containers: 2 containers made for the classic store, not shown: gitlab-web-1, gitlab-db-1",
                "/etc/docker/daemon.json: features.containerd-snapshotter = true");
        assertThat(ids(d)).doesNotContain("data-root-drift", "storage-driver-changed");
        assertThat(steps(d)).startsWith("switch-image-store").doesNotContain("compose-up:gitlab");
        assertThat(d.plan().get(0).changes()).containsExactly(
                new FileChange("/etc/docker/daemon.json", "features.containerd-snapshotter", "true", "false"));
        assertThat(d.hasProblems()).isTrue();
    }

    @Test
    void theOtherWayRoundAndAMoveUnderWayAreToldButOnlyTheOutageIsCritical() {
        Diagnosis back = doctor.diagnose(storeSwitched("classic", 0, "overlayfs", 0, 4));
        Finding f = back.findings().stream().filter(x -> x.id().equals("containerd-image-store-switched")).findFirst().orElseThrow();
        assertThat(f.title()).isEqualTo("Docker switched to the classic image store: 2 containers and 4 images of"
                + " containerd's store are hidden (still on disk)");
        assertThat(back.plan().get(0).changes()).extracting(FileChange::to).containsExactly("true");

        Diagnosis moving = doctor.diagnose(storeSwitched("containerd", 3, "overlay2", 9, 0));
        assertThat(moving.findings()).filteredOn(x -> x.id().equals("containerd-image-store-switched"))
                .extracting(Finding::severity).containsExactly(Severity.WARNING);
        assertThat(ids(doctor.diagnose(storeSwitched("containerd", 0, "overlayfs", 0, 0))))
                .as("everything on the store in use: nothing hidden").doesNotContain("containerd-image-store-switched");
        assertThat(ids(doctor.diagnose(storeSwitched(null, 0, "overlay2", 9, 0))))
                .as("an old daemon that does not say its store").doesNotContain("containerd-image-store-switched");
    }

    @Test
    void aDaemonJsonDockerdRefusesIsCriticalWhileDownNamesTheKeyAndOffersNoStartThatWouldFailAgain() {
        Diagnosis d = doctor.diagnose(host().daemonDown("connection refused").execStart(VENDOR_EXEC)
                .daemonJson("live-restore", "yes").daemonJson("data_root", "/srv/docker")
                .daemonJson("hosts", List.of("unix:///var/run/docker.sock")).daemonJson("log-opts", Map.of("max-size", "10m"))
                .root("/srv/docker", false, 12, 30, 8, "gitlab").build());
        Finding f = d.findings().stream().filter(x -> x.id().equals("daemon-json-invalid")).findFirst().orElseThrow();
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.evidence()).extracting(e -> e.text()).containsExactlyInAnyOrder(
                "\"live-restore\": \"yes\" is a string; dockerd wants true or false",
                "\"data_root\" is not a daemon.json option (did you mean \"data-root\"?)",
                "\"hosts\" is set in daemon.json and as a flag of dockerd's command line (/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock)");
        assertThat(f.detail()).contains("rename \"data_root\" to \"data-root\"", "likely why Docker is down");
        assertThat(steps(d)).as("no start-docker while the file would be refused").doesNotContain("start-docker");
    }

    @Test
    void whileDockerRunsOnlyWhatIsSurelyWrongIsAWarningAndAnOptionNewerThanTheListIsNothing() {
        Diagnosis running = doctor.diagnose(host().daemonOn("/var/lib/docker", 3, 5)
                .daemonJson("log-level", "info").daemonJson("some-option-of-docker-31", true).build());
        assertThat(ids(running)).doesNotContain("daemon-json-invalid");
        Diagnosis typo = doctor.diagnose(host().daemonOn("/var/lib/docker", 3, 5).daemonJson("live_restore", true).build());
        assertThat(typo.findings()).filteredOn(x -> x.id().equals("daemon-json-invalid"))
                .extracting(Finding::severity).containsExactly(Severity.WARNING);
        Diagnosis fine = doctor.diagnose(host().daemonDown("connection refused")
                .daemonJson("data-root", "/srv/docker").daemonJson("live-restore", true).daemonJson("mtu", 1450)
                .daemonJson("features", Map.of("containerd-snapshotter", false)).build());
        assertThat(ids(fine)).doesNotContain("daemon-json-invalid");
    }

    @Test
    void dockerdsOwnVerdictHasTheLastWordAndItsLoggedRefusalIsQuoted() {
        String refusal = "unable to configure the Docker daemon with file /etc/docker/daemon.json: the following"
                + " directives don't match any configuration option: fancy-new-thing";
        // a refusal our checks cannot see (a key of an engine newer than ours, removed again): dockerd's words
        Diagnosis refused = doctor.diagnose(host().daemonDown("connection refused").execStart(VENDOR_EXEC)
                .daemonJson("live-restore", true).dockerdSays(refusal).build());
        Finding f = refused.findings().stream().filter(x -> x.id().equals("daemon-json-invalid")).findFirst().orElseThrow();
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.title()).isEqualTo("/etc/docker/daemon.json is refused by dockerd: the following directives don't match"
                + " any configuration option: fancy-new-thing");
        assertThat(f.evidence()).extracting(e -> e.source()).containsExactly("/usr/bin/dockerd --validate");
        assertThat(steps(refused)).doesNotContain("start-docker");

        // a key our list does not know, which this dockerd accepts: nothing
        Diagnosis accepted = doctor.diagnose(host().daemonDown("connection refused").execStart(VENDOR_EXEC)
                .daemonJson("some-option-of-docker-31", true).dockerdSays(null).build());
        assertThat(ids(accepted)).doesNotContain("daemon-json-invalid");
        assertThat(steps(accepted)).contains("start-docker");

        // no dockerd to ask, nothing our checks see, but the log's last word from dockerd is its refusal
        String line = "Oct  7 06:20:13 host dockerd[812]: " + refusal;
        Diagnosis logged = doctor.diagnose(host().daemonDown("connection refused").execStart(VENDOR_EXEC)
                .daemonJson("live-restore", true).event(new LogEvent(java.time.OffsetDateTime.parse("2021-10-07T06:20:13Z"),
                        EventKind.DOCKERD_CONFIG_REFUSED, "/var/log/syslog", line, null, null, null)).build());
        Finding q = logged.findings().stream().filter(x -> x.id().equals("daemon-json-invalid")).findFirst().orElseThrow();
        assertThat(q.detail()).contains("refused to start on /etc/docker/daemon.json and has not started since", "fancy-new-thing");
        assertThat(q.evidence()).extracting(e -> e.text()).containsExactly(line);
    }

    @Test
    void clientsOlderThanTheDaemonsMinimumApiAreNamedWithTheTradeOffOfTheStopgap() {
        var base = host().daemon(new dev.dockerdoctor.model.DaemonState(true, "/var/lib/docker", "overlay2", "29.0.1",
                3, 3, 5, true, null, List.of(), null, "containerd", "1.44")).build();
        var config = base.config();
        java.util.function.Function<Map<String, String>, Diagnosis> with = pkgs -> doctor.diagnose(new dev.dockerdoctor.model.HostSnapshot(
                base.takenAt(), base.zone(), base.since(), base.daemon(), new dev.dockerdoctor.model.DockerConfig(
                config.daemonJsonPath(), config.daemonJsonText(), config.daemonJson(), config.daemonJsonError(), config.units(),
                config.effectiveExecStart(), config.rootSettings(), config.processes(), true, config.mounts(), config.fstab(),
                config.daemonJsonBackups(), pkgs, Map.of()), base.dataRoots(), List.of(), base.logStats(), List.of(), List.of(), null));
        Diagnosis old = with.apply(Map.of("docker-compose", "1.29.2-3", "docker.io", "20.10.24+dfsg1-1+deb12u1", "containerd", "1.6.20"));
        Finding f = old.findings().stream().filter(x -> x.id().equals("docker-client-too-old")).findFirst().orElseThrow();
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.title()).contains("docker-compose 1.29.2-3 (Compose v1)", "the docker CLI of docker.io 20.10.24", "API 1.44");
        assertThat(f.detail()).contains("DOCKER_MIN_API_VERSION", "docker compose");
        assertThat(ids(with.apply(Map.of("docker-ce-cli", "5:29.0.1-1~debian.12~bookworm", "docker-compose-plugin", "2.40.0"))))
                .doesNotContain("docker-client-too-old");
        assertThat(ids(with.apply(Map.of("docker-ce-cli", "5:25.0.3-1")))).as("25 speaks 1.44").doesNotContain("docker-client-too-old");
        assertThat(ids(with.apply(Map.of("docker-ce-cli", "5:24.0.9-1")))).contains("docker-client-too-old");
    }

    @Test
    void dockerLeftStoppedAfterAContainerdUpgradeOnlyNeedsAStart() {
        OffsetDateTime t = OffsetDateTime.parse("2021-10-07T06:20:19+00:00");
        Diagnosis d = doctor.diagnose(host().daemonDown("connection refused")
                .setting(RootSetting.Kind.DAEMON_JSON, "/etc/docker/daemon.json", "data-root", "/srv/docker")
                .root("/srv/docker", false, 12, 30, 8, "gitlab")
                .event(new LogEvent(t, EventKind.PACKAGE_UPGRADE, "/var/log/dpkg.log", "upgrade containerd.io:amd64 1.4.9-1 1.4.11-1",
                        "containerd.io", "1.4.9-1", "1.4.11-1"))
                .event(LogEvent.of(t.plusSeconds(2), EventKind.CONTAINERD_STOP, "/var/log/syslog", "Stopping containerd container runtime..."))
                .event(LogEvent.of(t.plusSeconds(3), EventKind.DOCKER_STOP, "/var/log/syslog", "Stopped Docker Application Container Engine."))
                .event(LogEvent.of(t.plusSeconds(5), EventKind.CONTAINERD_START, "/var/log/syslog", "Started containerd container runtime."))
                .build());
        assertThat(ids(d)).contains("docker-left-stopped", "daemon-unreachable", "docker-restarted-by-upgrade")
                .doesNotContain("data-root-drift");
        // recovery is only a start; the rest is prevention (docker-restarted-by-upgrade), after it
        assertThat(steps(d)).containsExactly("start-docker", "hold-docker-packages", "blacklist-docker-upgrades",
                "disable-apt-daily-upgrade");
        Finding f = d.findings().stream().filter(x -> x.id().equals("docker-left-stopped")).findFirst().orElseThrow();
        assertThat(f.evidence()).anySatisfy(e -> assertThat(e.text()).contains("containerd.io"));
    }

    @Test
    void dockerStoppedByHandWithoutAnUpgradeIsNotLeftStoppedByAnUpgrade() {
        OffsetDateTime t = OffsetDateTime.parse("2021-10-07T06:20:19+00:00");
        Diagnosis d = doctor.diagnose(host().daemonDown("connection refused")
                .event(LogEvent.of(t, EventKind.DOCKER_STOP, "/var/log/syslog", "Stopped Docker Application Container Engine."))
                .build());
        assertThat(ids(d)).doesNotContain("docker-left-stopped").contains("daemon-unreachable");
    }

    @Test
    void daemonJsonReplacedNamesTheLostKeyAndItsOldValue() {
        String old = "{\"data-root\": \"/srv/docker\", \"log-driver\": \"journald\"}";
        Diagnosis d = doctor.diagnose(host().daemonOn("/var/lib/docker", 0, 0)
                .daemonJson("runtimes", Map.of("nvidia", Map.of("path", "nvidia-container-runtime")))
                .daemonJsonText("{\"runtimes\": {\"nvidia\": {\"path\": \"nvidia-container-runtime\"}}}")
                .lastKnownGood(good(old, VENDOR_EXEC, "/srv/docker", "overlay2"))
                .root("/var/lib/docker", true, 0, 0, 0).root("/srv/docker", false, 12, 30, 8, "gitlab").build());
        assertThat(ids(d)).contains("daemon-json-replaced", "data-root-drift");
        Finding f = d.findings().stream().filter(x -> x.id().equals("daemon-json-replaced")).findFirst().orElseThrow();
        assertThat(f.title()).contains("data-root").contains("log-driver");
        assertThat(f.evidence()).anySatisfy(e -> assertThat(e.text()).contains("data-root was /srv/docker"));
        assertThat(steps(d)).containsExactly("restore-data-root");
        assertThat(d.changes()).anySatisfy(c -> {
            assertThat(c.key()).isEqualTo("data-root");
            assertThat(c.oldValue()).isEqualTo("/srv/docker");
            assertThat(c.newValue()).isNull();
        });
    }

    @Test
    void daemonJsonReplacedIsAlsoSeenFromTheCopyDpkgLeftBehind() {
        Diagnosis d = doctor.diagnose(host().daemonOn("/var/lib/docker", 0, 0)
                .daemonJsonBackup("/etc/docker/daemon.json.dpkg-old", "{\"data-root\": \"/srv/docker\"}")
                .root("/var/lib/docker", true, 0, 0, 0).root("/srv/docker", false, 12, 30, 8).build());
        Finding f = d.findings().stream().filter(x -> x.id().equals("daemon-json-replaced")).findFirst().orElseThrow();
        assertThat(f.evidence()).anySatisfy(e -> assertThat(e.source()).isEqualTo("/etc/docker/daemon.json.dpkg-old"));
    }

    @Test
    void theUnitsDataRootFlagLostIsTheStoryAndPutsTheRootInDaemonJson() {
        Diagnosis d = doctor.diagnose(host().daemonOn("/var/lib/docker", 0, 0)
                .unit(new UnitFile("/lib/systemd/system/docker.service", UnitFile.Kind.VENDOR, List.of(VENDOR_EXEC)))
                .execStart(VENDOR_EXEC)
                .lastKnownGood(good(null, VENDOR_EXEC + " --data-root /srv/docker", "/srv/docker", "overlay2"))
                .root("/var/lib/docker", true, 0, 0, 0).root("/srv/docker", false, 12, 30, 8, "gitlab").build());
        assertThat(ids(d)).contains("data-root-flag-lost", "data-root-drift").doesNotContain("daemon-json-replaced");
        assertThat(steps(d)).containsExactly("restore-data-root");
        assertThat(d.plan().get(0).changes()).containsExactly(new FileChange("/etc/docker/daemon.json", "data-root", null, "/srv/docker"));
        assertThat(d.changes()).anySatisfy(c -> {
            assertThat(c.source()).isEqualTo(ChangeDetector.EXEC_START);
            assertThat(c.key()).isEqualTo("--data-root");
            assertThat(c.oldValue()).isEqualTo("/srv/docker");
        });
    }

    @Test
    void aHealthyHostMatchingItsLastKnownGoodRaisesNothing() {
        String json = "{\"data-root\": \"/srv/docker\", \"live-restore\": true}";
        Diagnosis d = doctor.diagnose(host().daemonOn("/srv/docker", 12, 30)
                .setting(RootSetting.Kind.DAEMON_JSON, "/etc/docker/daemon.json", "data-root", "/srv/docker")
                .daemonJson("live-restore", true).daemonJsonText(json)
                .unit(new UnitFile("/lib/systemd/system/docker.service", UnitFile.Kind.VENDOR, List.of(VENDOR_EXEC)))
                .execStart(VENDOR_EXEC)
                .mount("/", "/dev/vda1", "ext4")
                .lastKnownGood(new LastKnownGood(Instant.EPOCH, json, VENDOR_EXEC, List.of(), "/srv/docker", "overlay2", 12, 30, List.of()))
                .root("/srv/docker", true, 12, 30, 8).build());
        assertThat(problems(d)).isEmpty();
        assertThat(d.changes()).isEmpty();
        assertThat(LastKnownGoods.capture(d)).isPresent();
    }

    @Test
    void onlyAHealthyRunBecomesTheLastKnownGood() {
        Diagnosis drifted = doctor.diagnose(host().daemonOn("/var/lib/docker", 0, 0)
                .root("/var/lib/docker", true, 0, 0, 0).root("/srv/docker", false, 12, 30, 8).build());
        assertThat(LastKnownGoods.capture(drifted)).isEmpty();
        Diagnosis down = doctor.diagnose(host().daemonDown("refused").build());
        assertThat(LastKnownGoods.capture(down)).isEmpty();
        // advice does not count against it
        Diagnosis advised = doctor.diagnose(host().daemonOn("/srv/docker", 3, 3).mount("/", "/dev/vda1", "ext4")
                .mount("/srv", "/dev/sdb1", "ext4").root("/srv/docker", true, 3, 3, 0).build());
        assertThat(ids(advised)).containsExactly("live-restore-disabled");
        LastKnownGood g = LastKnownGoods.capture(advised).orElseThrow();
        assertThat(g.liveRoot()).isEqualTo("/srv/docker");
        assertThat(g.mounts()).extracting(MountPoint::target).containsExactly("/srv");
        assertThat(Severity.INFO.isProblem()).isFalse();
    }
}
