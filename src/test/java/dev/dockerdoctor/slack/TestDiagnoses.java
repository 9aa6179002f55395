package dev.dockerdoctor.slack;

import dev.dockerdoctor.model.ComposeProblem;
import dev.dockerdoctor.model.ComposeProject;
import dev.dockerdoctor.model.ComposeService;
import dev.dockerdoctor.model.ContainerInfo;
import dev.dockerdoctor.model.DaemonState;
import dev.dockerdoctor.model.DataRoot;
import dev.dockerdoctor.model.Diagnosis;
import dev.dockerdoctor.model.DiskContainer;
import dev.dockerdoctor.model.DockerConfig;
import dev.dockerdoctor.model.EventKind;
import dev.dockerdoctor.model.Evidence;
import dev.dockerdoctor.model.FileChange;
import dev.dockerdoctor.model.Finding;
import dev.dockerdoctor.model.HostSnapshot;
import dev.dockerdoctor.model.LogEvent;
import dev.dockerdoctor.model.LogStats;
import dev.dockerdoctor.model.RootSetting;
import dev.dockerdoctor.model.ServiceState;
import dev.dockerdoctor.model.Severity;
import dev.dockerdoctor.model.Step;
import dev.dockerdoctor.model.VolumeMount;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Diagnoses built by hand, so the rendering tests depend on the renderer only (not on today's rule wording):
 * the story's incident, a healthy host, a host with no daemon, and a huge host (300 containers, 40 projects).
 */
public final class TestDiagnoses {
    public static final Instant NOW = Instant.parse("2024-11-27T06:27:14Z");
    public static final String GITLAB = "/srv/gitlab/docker-compose.yml";

    private TestDiagnoses() {
    }

    public static OffsetDateTime at(String hms) {
        return OffsetDateTime.parse("2024-11-27T" + hms + "Z");
    }

    public static List<LogEvent> upgradeEvents() {
        String apt = "/var/log/apt/history.log";
        return List.of(
                LogEvent.of(at("06:20:02"), EventKind.APT_DAILY_UPGRADE_START, "journal", "Starting Daily apt upgrade and clean activities..."),
                new LogEvent(at("06:22:41"), EventKind.PACKAGE_UPGRADE, apt, "Upgrade: containerd.io:amd64 (1.7.22-1, 1.7.24-1)", "containerd.io", "1.7.22-1", "1.7.24-1"),
                new LogEvent(at("06:22:47"), EventKind.PACKAGE_UPGRADE, apt, "Upgrade: docker-ce:amd64", "docker-ce", "5:27.3.1-1", "5:27.4.0-1"),
                LogEvent.of(at("06:22:50"), EventKind.CONTAINERD_STOP, "journal", "Stopping containerd container runtime..."),
                LogEvent.of(at("06:22:50"), EventKind.CONTAINERD_STOP, "/var/log/syslog", "Stopping containerd container runtime..."),
                LogEvent.of(at("06:23:05"), EventKind.CONTAINERD_START, "journal", "Started containerd container runtime."),
                LogEvent.of(at("06:23:09"), EventKind.DOCKER_START, "journal", "Started Docker Application Container Engine."),
                LogEvent.of(at("06:24:30"), EventKind.APT_DAILY_UPGRADE_END, "journal", "Finished Daily apt upgrade and clean activities."));
    }

    public static ComposeService service(String name, ServiceState state) {
        return new ComposeService(name, name + ":latest", null, List.of(), List.of(),
                List.of(new VolumeMount("volume", name + "_data", "/data")), state);
    }

    public static DockerConfig vendorFlagLostConfig() {
        return new DockerConfig("/etc/docker/daemon.json", null, Map.of(), null, List.of(), "/usr/bin/dockerd -H fd://",
                List.of(new RootSetting(RootSetting.Kind.PROCESS, "pid 4242", "--data-root", "/var/lib/docker", true)),
                List.of(), true, List.of(), List.of(), Map.of());
    }

    /** The story: Docker came back on the default root after the upgrade; GitLab's data is on /srv/docker. */
    public static Diagnosis incident() {
        DaemonState daemon = new DaemonState(true, "/var/lib/docker", "overlay2", "27.4.0", 0, 0, 0, false, null, List.of());
        List<DataRoot> roots = List.of(
                new DataRoot("/var/lib/docker", true, 0, 0, 0, List.of(), 41_000_000_000L, 50_000_000_000L, Map.of(), List.of()),
                new DataRoot("/srv/docker", false, 14, 23, 9, List.of("gitlab", "wiki"), 1_200_000_000_000L, 2_000_000_000_000L,
                        Map.of("overlay2", 23), List.of(new DiskContainer("a".repeat(64), "gitlab-web-1", "gitlab/gitlab-ce", true,
                        Map.of("com.docker.compose.project", "gitlab")))));
        List<ComposeProject> compose = List.of(
                new ComposeProject("gitlab", "/srv/gitlab", List.of(GITLAB),
                        List.of(service("web", ServiceState.MISSING), service("db", ServiceState.MISSING), service("redis", ServiceState.MISSING)),
                        List.of("gitlab_data", "gitlab_config", "gitlab_logs")),
                new ComposeProject("wiki", "/srv/wiki", List.of("/srv/wiki/compose.yaml"),
                        List.of(service("wiki", ServiceState.MISSING), service("db", ServiceState.MISSING)), List.of("wiki_db")));
        HostSnapshot s = new HostSnapshot(NOW, ZoneOffset.UTC, NOW.minusSeconds(86_400), daemon, vendorFlagLostConfig(), roots,
                upgradeEvents(), new LogStats(4, 18_342, 0, List.of(), 412), compose, List.of(), null);
        List<Finding> findings = List.of(
                new Finding("data-root-drift", Severity.CRITICAL, "Docker runs on /var/lib/docker (0 containers) but 14 containers are in /srv/docker",
                        "The daemon came up on another data root, so every container, image and volume in /srv/docker looks gone."
                                + " The data is still on disk. Point Docker back at /srv/docker and restart it before anything else;"
                                + " do not run `docker compose up` now, it would create new, empty volumes on /var/lib/docker.",
                        List.of(new Evidence("daemon", "DockerRootDir=/var/lib/docker, 0 containers, 0 images, storage driver overlay2"),
                                new Evidence("/srv/docker", "holds 14 containers (compose projects: gitlab, wiki), 23 images, 9 volumes")),
                        List.of("restore-data-root")),
                new Finding("data-root-flag-lost", Severity.WARNING, "The data root was set in a file the upgrade replaced",
                        "--data-root /srv/docker was in /lib/systemd/system/docker.service. The docker-ce package overwrote that file,"
                                + " so dockerd fell back to its default.",
                        List.of(new Evidence("/var/log/apt/history.log", "Upgrade: docker-ce:amd64 (5:27.3.1-1, 5:27.4.0-1)")), List.of()),
                new Finding("docker-restarted-by-upgrade", Severity.WARNING, "Docker was restarted by an upgrade",
                        "apt-daily-upgrade upgraded containerd.io and docker-ce at 06:22 and restarted both.",
                        List.of(new Evidence("journal", "06:22:50 Stopping containerd container runtime..."),
                                new Evidence("journal", "06:23:09 Started Docker Application Container Engine.")),
                        List.of("hold-docker-packages")),
                new Finding("live-restore-disabled", Severity.INFO, "Containers stop whenever Docker restarts (live-restore is off)",
                        "With \"live-restore\": true in daemon.json, running containers survive a restart of dockerd or containerd.",
                        List.of(new Evidence("daemon", "LiveRestoreEnabled=false")), List.of("enable-live-restore")));
        List<Step> plan = List.of(
                new Step("restore-data-root", "Point Docker back at /srv/docker",
                        "Sets \"data-root\": \"/srv/docker\" in /etc/docker/daemon.json (every other key kept, a backup written first),"
                                + " then restarts Docker so it uses the root that holds the containers.",
                        List.of(List.of("systemctl", "restart", "docker")),
                        List.of(new FileChange("/etc/docker/daemon.json", "data-root", null, "/srv/docker")), true,
                        "Restarts Docker: every running container stops and starts again."),
                new Step("enable-live-restore", "Keep containers running when Docker restarts",
                        "Sets \"live-restore\": true in /etc/docker/daemon.json, then asks the running dockerd to reload (SIGHUP).",
                        List.of(List.of("kill", "-s", "HUP", "4242")),
                        List.of(new FileChange("/etc/docker/daemon.json", "live-restore", null, "true")), true, null),
                new Step("hold-docker-packages", "Hold the docker packages", "apt-mark hold keeps upgrades from restarting Docker.",
                        List.of(List.of("apt-mark", "hold", "docker-ce", "containerd.io")), List.of(), true, null),
                new Step("disable-apt-daily-upgrade", "Stop all automatic upgrades",
                        "Disables apt-daily-upgrade.timer. This stops security updates too: prefer holding the docker packages.",
                        List.of(List.of("systemctl", "disable", "--now", "apt-daily-upgrade.timer")), List.of(), true,
                        "Stops all automatic security updates."));
        return new Diagnosis(s, findings, plan, List.of(
                new dev.dockerdoctor.model.Change("/lib/systemd/system/docker.service", "ExecStart --data-root", "/srv/docker", null)));
    }

    public static Diagnosis healthy() {
        List<ContainerInfo> containers = new ArrayList<>();
        for (int i = 0; i < 3; i++) containers.add(ContainerInfo.basic("c" + i, "gitlab-web-" + i, "gitlab", "running", Map.of()));
        DaemonState daemon = new DaemonState(true, "/srv/docker", "overlay2", "20.10.24", 14, 14, 23, true, null, containers);
        HostSnapshot s = new HostSnapshot(NOW, ZoneOffset.UTC, NOW.minusSeconds(86_400), daemon, DockerConfig.empty(),
                List.of(new DataRoot("/srv/docker", true, 14, 23, 9, List.of("gitlab"), 1_200_000_000_000L, 2_000_000_000_000L, Map.of("overlay2", 23), List.of())),
                List.of(), LogStats.none(),
                List.of(new ComposeProject("gitlab", "/srv/gitlab", List.of(GITLAB),
                        List.of(service("web", ServiceState.RUNNING), service("db", ServiceState.RUNNING),
                                service("backup", ServiceState.INACTIVE)), List.of())),
                List.of(), null);
        return new Diagnosis(s, List.of(), List.of(), List.of());
    }

    public static Diagnosis unreachable() {
        HostSnapshot s = new HostSnapshot(NOW, ZoneOffset.UTC, NOW.minusSeconds(86_400),
                DaemonState.unreachable("connection refused on /var/run/docker.sock: is dockerd running?"),
                vendorFlagLostConfig(), List.of(new DataRoot("/srv/docker", false, 14, 23, 9, List.of("gitlab"), null, null, Map.of("overlay2", 23), List.of())),
                List.of(LogEvent.of(at("06:22:50"), EventKind.DOCKER_STOP, "journal", "Stopping Docker Application Container Engine...")),
                LogStats.none(), List.of(), List.of(new ComposeProblem("/srv/wiki/compose.yaml", 12, "mapping values are not allowed here")), null);
        List<Finding> findings = List.of(new Finding("docker-left-stopped", Severity.CRITICAL, "Docker was stopped and not started again",
                "dockerd stopped at 06:22:50 and nothing started it.", List.of(new Evidence("journal", "06:22:50 Stopping Docker Application Container Engine...")),
                List.of("start-docker")));
        List<Step> plan = List.of(new Step("start-docker", "Start Docker", "Starts the Docker daemon, which is installed but not running.",
                List.of(List.of("systemctl", "start", "docker")), List.of(), true, null));
        return new Diagnosis(s, findings, plan, List.of());
    }

    /**
     * A host at the limits: 300 containers, 40 compose projects with long names, 30 findings with long evidence,
     * 60 steps, 600 events, and text that must be escaped ({@code <!channel>}, {@code &}, backticks).
     */
    public static Diagnosis huge() {
        List<ContainerInfo> containers = new ArrayList<>();
        List<DiskContainer> disk = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String project = "project-" + (i % 40);
            containers.add(ContainerInfo.basic(String.format("%064d", i), project + "-svc-" + i, "img:" + i,
                    i % 3 == 0 ? "exited" : "running", Map.of("com.docker.compose.project", project)));
            disk.add(new DiskContainer(String.format("%064x", i), project + "-svc-" + i, "img", false, Map.of()));
        }
        DaemonState daemon = new DaemonState(true, "/var/lib/docker", "overlay2", "20.10.24", 300, 200, 450, false, null, containers);
        List<DataRoot> roots = new ArrayList<>();
        roots.add(new DataRoot("/var/lib/docker", true, 300, 450, 120, List.of(), 2_000_000_000L, 50_000_000_000L, Map.of("overlay2", 23), List.of()));
        for (int r = 0; r < 15; r++) {
            List<String> projects = new ArrayList<>();
            for (int p = 0; p < 40; p++) projects.add("project-" + p);
            roots.add(new DataRoot("/mnt/disk" + r + "/" + "deep/".repeat(30) + "docker", false, 3000 + r, 4000, 900, projects,
                    1_000_000_000_000L, 2_000_000_000_000L, Map.of("overlay2", 4000), disk));
        }
        List<ComposeProject> compose = new ArrayList<>();
        for (int p = 0; p < 40; p++) {
            List<ComposeService> services = new ArrayList<>();
            for (int k = 0; k < 8; k++) {
                ServiceState st = ServiceState.values()[(p + k) % 4];
                services.add(service("service-with-a-rather-long-name-" + k, st));
            }
            compose.add(new ComposeProject("project-" + p + "-<!channel>-&-`x`-" + "n".repeat(80), "/srv/p" + p,
                    List.of("/srv/p" + p + "/" + "sub/".repeat(40) + "docker-compose.yml"), services, List.of()));
        }
        List<ComposeProblem> problems = new ArrayList<>();
        for (int i = 0; i < 30; i++) problems.add(new ComposeProblem("/srv/broken" + i + "/compose.yml", i, "bad <yaml> & worse ".repeat(20)));
        List<LogEvent> events = new ArrayList<>();
        OffsetDateTime t0 = OffsetDateTime.parse("2024-11-20T00:00:00Z");
        for (int i = 0; i < 600; i++) {
            events.add(new LogEvent(t0.plusMinutes(i * 17L), EventKind.PACKAGE_UPGRADE, "/var/log/apt/history.log." + (i % 9),
                    "Upgrade", "package-" + i + "-" + "x".repeat(i % 7 == 0 ? 400 : 10), "1.0." + i, "1.0." + (i + 1)));
        }
        HostSnapshot s = new HostSnapshot(NOW, ZoneOffset.UTC, t0.toInstant(), daemon, vendorFlagLostConfig(), roots, events,
                new LogStats(40, 9_000_000, 1234, List.of("syslog.3.gz: broken gzip", "x".repeat(5000), "c", "d", "e", "f"), 9000),
                compose, problems, null);
        List<Finding> findings = new ArrayList<>();
        Severity[] sev = {Severity.CRITICAL, Severity.WARNING, Severity.INFO};
        for (int i = 0; i < 30; i++) {
            List<Evidence> ev = new ArrayList<>();
            for (int e = 0; e < 50; e++) ev.add(new Evidence("/var/log/syslog." + e, "line " + e + " <@U123> & `tick` " + "y".repeat(200)));
            findings.add(new Finding("finding-" + i, sev[Math.min(2, i / 10)], "Finding number " + i + " " + "t".repeat(i == 0 ? 4000 : 50),
                    "Detail " + "d".repeat(5000), ev, List.of()));
        }
        List<Step> plan = new ArrayList<>();
        plan.add(new Step("restore-data-root", "Point Docker back at " + roots.get(1).path(), "Detail ".repeat(500),
                List.of(List.of("systemctl", "restart", "docker")), List.of(new FileChange("/etc/docker/daemon.json", "data-root", null, roots.get(1).path())),
                true, "Restarts Docker: every running container stops and starts again. " + "w".repeat(400)));
        for (int p = 0; p < 40; p++) {
            plan.add(new Step("compose-up:" + compose.get(p).name(), "Start " + compose.get(p).name(), "Runs docker compose up -d for it.",
                    List.of(List.of("docker", "compose", "-f", compose.get(p).files().get(0), "up", "-d")), List.of(), true, null));
        }
        for (int i = 0; i < 19; i++) {
            plan.add(new Step("restart-container:c" + i + "-" + "z".repeat(300), "Restart c" + i, "Restarts it.",
                    List.of(List.of("docker", "restart", "c" + i)), List.of(), true, null));
        }
        List<dev.dockerdoctor.model.Change> changes = new ArrayList<>();
        for (int i = 0; i < 20; i++) changes.add(new dev.dockerdoctor.model.Change("/etc/docker/daemon.json", "key" + i, "old" + i, "new" + i));
        return new Diagnosis(s, findings, plan, changes);
    }
}
