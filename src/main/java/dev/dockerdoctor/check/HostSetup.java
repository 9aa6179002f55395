package dev.dockerdoctor.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dockerdoctor.evidence.DockerJavaProbe;
import dev.dockerdoctor.evidence.JournalCtl;
import dev.dockerdoctor.model.DaemonState;
import dev.dockerdoctor.watch.IncidentWatch;
import dev.dockerdoctor.watch.UrlCheck;
import dev.dockerdoctor.watch.UrlProbe;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The host half of {@code check}: the daemon at DOCKER_HOST and its API version, the state folder, the host root,
 * the logs the timeline is read from, and every watched URL, each asked as {@code serve} would ask it. It writes
 * nothing but one temporary file in the state folder, removed at once.
 */
public final class HostSetup {
    /** What {@code check} needs of the host settings. */
    public record Side(String dockerHost, Path stateDir, Path hostRoot, Map<String, URI> watch) {
        public Side {
            watch = new LinkedHashMap<>(watch);
        }
    }

    private HostSetup() {
    }

    public static List<SetupCheck> check(Side side) {
        List<SetupCheck> out = new ArrayList<>();
        out.add(docker(side.dockerHost()));
        out.add(stateDir(side.stateDir()));
        SetupCheck root = hostRoot(side.hostRoot());
        out.add(root);
        out.add(root.status() == SetupCheck.Status.FAIL ? SetupCheck.skip("logs", "not looked at: the host root is not readable")
                : logs(side.hostRoot(), Files.isExecutable(Path.of(JournalCtl.standard().binary()))));
        out.addAll(watched(side.watch()));
        return out;
    }

    static SetupCheck docker(String dockerHost) {
        String name = "docker";
        try (DockerJavaProbe probe = new DockerJavaProbe(dockerHost)) {
            DaemonState s = probe.inspect();
            if (!s.reachable()) return dockerDown(dockerHost, s);
            Optional<JsonNode> version = probe.getRaw("/version").flatMap(HostSetup::json);
            String api = version.map(v -> v.path("ApiVersion").asText(null)).orElse(null);
            String minApi = version.map(v -> v.path("MinAPIVersion").asText(null)).orElse(null);
            return SetupCheck.ok(name, dockerHost + " answers: Docker " + s.serverVersion()
                    + (api == null ? "" : ", API " + api + (minApi == null ? "" : " (accepts " + minApi + " and newer)"))
                    + ", data root " + s.dockerRootDir() + ", " + s.containers() + " containers");
        } catch (IllegalArgumentException e) {
            return SetupCheck.fail(name, "DOCKER_HOST '" + dockerHost + "' is not an address Docker listens on (" + e.getMessage() + ")",
                    "use unix:///var/run/docker.sock or tcp://HOST:2375");
        }
    }

    static SetupCheck dockerDown(String dockerHost, DaemonState s) {
        String todo = switch (s.failure()) {
            case NOT_LISTENING -> "is Docker running (systemctl status docker)? Is the socket path right? In a container,"
                    + " mount it: -v /var/run/docker.sock:/var/run/docker.sock";
            case PERMISSION_DENIED -> "run docker-doctor as root (the unit does), or give its user the socket's group";
            case NO_ANSWER -> "the daemon is there but silent: run docker-doctor diagnose to see why";
            case DAEMON_ERROR -> "the daemon refused the request: run docker-doctor diagnose to see why";
            case OTHER -> "run docker-doctor diagnose to see why";
        };
        return SetupCheck.fail("docker", dockerHost + " does not answer: " + s.error(), todo);
    }

    static SetupCheck stateDir(Path dir) {
        String name = "state-dir";
        if (Files.isDirectory(dir)) {
            try {
                Path probe = Files.createTempFile(dir, ".check-", ".tmp");
                Files.delete(probe);
                return SetupCheck.ok(name, dir + " is writable");
            } catch (IOException | SecurityException e) {
                return SetupCheck.fail(name, dir + " is not writable (" + e.getClass().getSimpleName() + ")",
                        "run as root, or make it the bot's own (the unit's StateDirectory= does)");
            }
        }
        if (Files.exists(dir)) return SetupCheck.fail(name, dir + " exists but is not a folder", "remove it or set DOCTOR_STATE_DIR elsewhere");
        Path parent = dir.toAbsolutePath().getParent();
        while (parent != null && !Files.exists(parent)) parent = parent.getParent();
        if (parent != null && Files.isDirectory(parent) && Files.isWritable(parent)) {
            return SetupCheck.ok(name, dir + " does not exist yet; serve creates it");
        }
        return SetupCheck.fail(name, dir + " does not exist and cannot be created here",
                "create it (the unit's StateDirectory= does), or set DOCTOR_STATE_DIR to a writable folder");
    }

    static SetupCheck hostRoot(Path root) {
        String name = "host-root";
        if (!Files.isDirectory(root) || !Files.isReadable(root)) {
            return SetupCheck.fail(name, root + " is not a readable folder",
                    "/".equals(root.toString()) ? "run as root" : "mount the host's root there: -v /:" + root + ":ro,rslave");
        }
        if (!Files.isDirectory(root.resolve("etc"))) {
            return SetupCheck.fail(name, root + " has no etc/: it does not look like a host's root",
                    "mount the host's root: -v /:" + root + ":ro,rslave");
        }
        Path daemonJson = root.resolve("etc/docker/daemon.json");
        String json = Files.isRegularFile(daemonJson)
                ? (Files.isReadable(daemonJson) ? "etc/docker/daemon.json readable" : "etc/docker/daemon.json NOT readable")
                : "no etc/docker/daemon.json (Docker's defaults)";
        if (Files.isRegularFile(daemonJson) && !Files.isReadable(daemonJson)) {
            return SetupCheck.fail(name, root + ": " + json, "run as root");
        }
        return SetupCheck.ok(name, root + " is readable; " + json);
    }

    /** Syslog when there is one (and readable), else the journal, which needs journalctl here. */
    static SetupCheck logs(Path root, boolean journalctlHere) {
        String name = "logs";
        for (String f : List.of("var/log/syslog", "var/log/messages")) {
            Path p = root.resolve(f);
            if (Files.isRegularFile(p)) {
                return Files.isReadable(p) ? SetupCheck.ok(name, "/" + f + " is readable")
                        : SetupCheck.fail(name, "/" + f + " is not readable: the timeline would be empty",
                        "run as root (syslog is root:adm 0640)");
            }
        }
        for (String d : List.of("var/log/journal", "run/log/journal")) {
            if (Files.isDirectory(root.resolve(d))) {
                return journalctlHere ? SetupCheck.ok(name, "no syslog; the journal /" + d + " is read with journalctl")
                        : SetupCheck.fail(name, "no syslog, and journalctl is not installed here to read the journal /" + d,
                        "install systemd's journalctl (apt install systemd), or use the image, which has it");
            }
        }
        return SetupCheck.warn(name, "no syslog and no journal under " + root + ": the timeline will be empty",
                "check DOCTOR_HOST_ROOT; in a container, mount the host's root with /var/log");
    }

    static List<SetupCheck> watched(Map<String, URI> urls) {
        if (urls.isEmpty()) {
            return List.of(SetupCheck.warn("watch", "DOCTOR_WATCH is not set: no URLs are watched",
                    "name your services: DOCTOR_WATCH=gitlab=https://gitlab.example.com/-/readiness"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(8, urls.size()), r -> {
            Thread t = new Thread(r, "doctor-check-url");
            t.setDaemon(true);
            return t;
        });
        try {
            UrlProbe probe = new UrlProbe(IncidentWatch.Config.MAX_PROBE_TIMEOUT, pool);
            Map<String, CompletableFuture<UrlCheck>> asked = new LinkedHashMap<>();
            urls.forEach((n, u) -> asked.put(n, probe.check(n, u)));
            List<SetupCheck> out = new ArrayList<>();
            asked.forEach((n, f) -> {
                UrlCheck c = f.join();
                out.add(c.up() ? SetupCheck.ok("watch:" + n, urls.get(n) + " answered " + c.status())
                        : SetupCheck.fail("watch:" + n, urls.get(n) + ": " + c.detail(),
                        "check the URL from this host (a readiness path that answers 2xx or 3xx when up)"));
            });
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Optional<JsonNode> json(String body) {
        try {
            return Optional.of(new ObjectMapper().readTree(body));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
