package dev.dockerdoctor.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A dockerd of the test's own: its socket, data root, exec root, pid file and daemon.json all live in a fresh
 * {@code /tmp/dd-*} folder, so it never touches the machine's /var/lib/docker, /var/run/docker.sock or
 * /etc/docker. Several can run one after another or side by side ({@code --bridge none --iptables=false}).
 *
 * <pre>{@code
 * try (PrivateDockerd d = PrivateDockerd.builder().dataRoot(big).start()) {   // skips when not root / no dockerd
 *     d.dockerOk("run", "-d", "--name", "web", BusyboxImage.NAME, "httpd", "-f", "-p", "80", "-h", "/www");
 *     d.restartWithout("--data-root");                                       // the incident: back on <base>/default-root
 * }
 * }</pre>
 *
 * <p>Everything it starts is stopped by pid on {@link #close()}, also after a failure: dockerd, the containerd it
 * runs under the exec root, the shims and their containers (found by the base folder in their command lines), and
 * a JVM shutdown hook does the same for daemons a crashed test left behind. The daemon's output goes to
 * {@link #logFile()}.
 */
public final class PrivateDockerd implements AutoCloseable {
    /**
     * vfs works on any filesystem; no bridge and no iptables so that daemons do not fight over docker0; a short
     * shutdown; and an init as PID 1 of every container so that {@code sleep}/{@code httpd} die on SIGTERM at once
     * (without it each running container holds a stop or restart for its 10 s stop timeout).
     */
    public static final List<String> DEFAULT_FLAGS = List.of("--storage-driver", "vfs", "--bridge", "none",
            "--iptables=false", "--shutdown-timeout", "1", "--init");
    /** Where a start without any data root setting lands, instead of dockerd's own /var/lib/docker. */
    public static final String FALLBACK_ROOT = "default-root";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<PrivateDockerd> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(LIVE).forEach(PrivateDockerd::close), "private-dockerd-cleanup"));
    }

    private final Path base;
    private final Path socket;
    private final Path execRoot;
    private final Path pidFile;
    private final Path configFile;
    private final Path logFile;
    private final Path dockerd;
    /** The engine's own binaries (dockerd, containerd, docker) first on the PATH, or null for the machine's. */
    private final Path engineBin;
    private final Map<String, String> daemonEnv;
    private final Duration startTimeout;
    private final Duration stopTimeout;
    private List<String> flags;
    private Process process;
    private int starts;
    private Duration lastStart = Duration.ZERO;
    private Duration lastStop = Duration.ZERO;
    private boolean closed;
    private final Set<String> bridges = new java.util.LinkedHashSet<>();
    // how often each data root was a mount point before dockerd bind-mounted it onto itself (see close)
    private final Map<Path, Long> rootMountsBefore = new LinkedHashMap<>();

    private PrivateDockerd(Builder b, Path base) {
        this.base = base;
        this.socket = base.resolve("d.sock");
        this.execRoot = base.resolve("x");
        this.pidFile = base.resolve("d.pid");
        this.configFile = base.resolve("daemon.json");
        this.logFile = base.resolve("dockerd.log");
        this.engineBin = b.engineBin;
        this.daemonEnv = Map.copyOf(b.daemonEnv);
        this.dockerd = engineBin != null ? engineBin.resolve("dockerd") : Rig.executable("dockerd").orElseThrow();
        this.startTimeout = b.startTimeout;
        this.stopTimeout = b.stopTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A daemon with the default flags on {@code <base>/data-root}, with {@code local/busybox} imported. */
    public static PrivateDockerd startDefault() {
        return builder().start();
    }

    // ---------------------------------------------------------------------------------------------------- where

    /** The private folder everything lives in ({@code /tmp/dd-...}). */
    public Path base() { return base; }

    public Path socket() { return socket; }

    /** The DOCKER_HOST of this daemon, {@code unix:///tmp/dd-.../d.sock}. */
    public String host() { return "unix://" + socket; }

    public Path execRoot() { return execRoot; }

    public Path pidFile() { return pidFile; }

    public Path configFile() { return configFile; }

    public Path logFile() { return logFile; }

    /** The data root the daemon was (last) started on, from its flags or its daemon.json. */
    public synchronized Path dataRoot() {
        return DaemonFlags.value(flags, DaemonFlags.DATA_ROOT_NAMES).map(Path::of)
                .or(this::configuredRoot)
                .orElse(base.resolve(FALLBACK_ROOT));
    }

    /** The flags of the current (or last) start, without the rig's own socket, exec root, pid file and config. */
    public synchronized List<String> flags() { return flags; }

    /** The full command line of the current (or last) start. */
    public synchronized List<String> commandLine() { return argv(flags); }

    public synchronized long pid() { return process == null ? -1 : process.pid(); }

    public synchronized boolean running() { return process != null && process.isAlive(); }

    /** How long the last start took until {@code /_ping} answered. */
    public synchronized Duration lastStart() { return lastStart; }

    /** How long the last stop took until the process and its pid file were gone. */
    public synchronized Duration lastStop() { return lastStop; }

    // ------------------------------------------------------------------------------------------------ lifecycle

    /** Stops the daemon and starts it again with the same flags. */
    public synchronized void restart() {
        restart(flags);
    }

    /**
     * Stops the daemon and starts it again with these flags (replacing the current ones; the rig adds its socket,
     * exec root, pid file and config itself). Without any data root in the flags or daemon.json the daemon lands on
     * {@code <base>/default-root}, standing in for /var/lib/docker.
     */
    public synchronized void restart(List<String> newFlags) {
        stop();
        start(newFlags);
    }

    /** The incident in one call: restart without the named flags, e.g. {@code restartWithout("--data-root")}. */
    public synchronized void restartWithout(String... names) {
        restart(DaemonFlags.without(flags, names));
    }

    /** Starts a stopped daemon again with its last flags. */
    public synchronized void start() {
        start(flags);
    }

    /** Starts a stopped daemon with these flags. Throws {@link DaemonStartException} with the log when it fails. */
    public synchronized void start(List<String> newFlags) {
        if (closed) throw new IllegalStateException("this PrivateDockerd is closed");
        if (running()) throw new IllegalStateException("dockerd " + pid() + " is running: stop() or restart() it");
        this.flags = withRootFallback(List.copyOf(newFlags));
        rootMountsBefore.computeIfAbsent(dataRoot(), PrivateDockerd::mountCount);
        forgetDeadContainerd();
        List<String> argv = argv(flags);
        starts++;
        appendLog("=== rig: start " + starts + ": " + String.join(" ", argv));
        ProcessBuilder pb = new ProcessBuilder(argv)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("PATH", path());
        pb.environment().remove("DOCKER_HOST");
        pb.environment().putAll(daemonEnv);
        long t0 = System.nanoTime();
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new DaemonStartException("cannot run " + dockerd + ": " + e.getMessage(), "");
        }
        long deadline = t0 + startTimeout.toNanos();
        while (!UnixHttp.ping(socket, Duration.ofMillis(500))) {
            if (!process.isAlive()) {
                int code = process.exitValue();
                stop(); // reaps a containerd it may have started
                throw new DaemonStartException("dockerd exited with " + code + " while starting", thisStartsLog(30));
            }
            if (System.nanoTime() > deadline) {
                String tail = thisStartsLog(30);
                stop();
                throw new DaemonStartException("dockerd did not answer on " + socket + " within " + startTimeout.toSeconds() + " s", tail);
            }
            Procs.sleep(20);
        }
        lastStart = Duration.ofNanos(System.nanoTime() - t0);
    }

    /**
     * Stops the daemon by pid: SIGTERM, wait for the process and its pid file to go, SIGKILL (with the containerd it
     * started) after the stop timeout. Containers stop with it unless it runs with {@code --live-restore}, in which
     * case their shims stay up as they would on a real host.
     */
    public synchronized void stop() {
        if (process == null) return;
        long t0 = System.nanoTime();
        if (process.isAlive()) rememberBridges();
        Optional<Long> containerd = containerdPid();
        process.destroy();
        boolean exited = waitFor(process, stopTimeout);
        if (!exited) {
            appendLog("=== rig: dockerd " + process.pid() + " ignored SIGTERM for " + stopTimeout.toSeconds() + " s: SIGKILL");
            Procs.killAll(Procs.withDescendants(List.of(process.pid())), Duration.ofSeconds(5));
        }
        // dockerd stops its containerd on the way out; after a SIGKILL it cannot
        containerd.filter(Procs::alive).ifPresent(pid -> Procs.killAll(Procs.withDescendants(List.of(pid)), Duration.ofSeconds(5)));
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (Files.exists(pidFile) && System.nanoTime() < deadline) Procs.sleep(20);
        deleteQuietly(pidFile);
        process = null;
        lastStop = Duration.ofNanos(System.nanoTime() - t0);
    }

    /**
     * SIGKILLs dockerd, as a crash or the OOM killer would: its socket file and pid file stay behind (connections are
     * refused), its containerd dies with it (parent-death signal), the shims and containers keep running, and its
     * data root stays bind-mounted onto itself. {@link #start()} works afterwards; {@link #close()} cleans it all up.
     */
    public synchronized void kill() {
        if (process == null) return;
        rememberBridges();
        Optional<Long> containerd = containerdPid();
        process.destroyForcibly();
        waitFor(process, Duration.ofSeconds(10));
        // the parent-death signal is delivered at once, but a loaded machine may take a while to run containerd's
        // exit; a start() in that moment would find it still alive and wait for it in vain (seen on CI)
        containerd.ifPresent(pid -> {
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (Procs.alive(pid) && System.nanoTime() < deadline) Procs.sleep(20);
            if (Procs.alive(pid)) Procs.killAll(ProcessHandle.of(pid).stream().toList(), Duration.ofSeconds(5)); // not its shims
        });
    }

    /** Stops the daemon, kills whatever it left (shims, containers), unmounts and deletes the base folder. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) return;
            closed = true;
        }
        try {
            stop();
        } catch (RuntimeException e) {
            // keep cleaning: leftovers are killed below by pid
        } finally {
            killLeftovers();
            deleteBridges();
            unmountRootsOutsideBase();
            Rig.deleteTree(base);
            LIVE.remove(this);
        }
    }

    // --------------------------------------------------------------------------------------------------- docker

    /** The environment for docker, docker-compose and the code under test: this daemon, a private CLI config. */
    public Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DOCKER_HOST", host());
        env.put("DOCKER_CONFIG", base.resolve("cli").toString());
        env.put("PATH", path());
        return env;
    }

    private String path() {
        return engineBin == null ? Rig.daemonPath() : engineBin + java.io.File.pathSeparator + Rig.daemonPath();
    }

    /** The docker CLI of this daemon's engine. */
    public Path cli() {
        return engineBin != null ? engineBin.resolve("docker") : Rig.executable("docker").orElseThrow();
    }

    /** {@code docker info --format {{.ServerVersion}}}. */
    public String serverVersion() {
        return dockerOk("info", "--format", "{{.ServerVersion}}").strip();
    }

    /** Runs the docker CLI against this daemon: {@code docker -H unix://... args}. */
    public Command.Result docker(String... args) {
        List<String> argv = new ArrayList<>(List.of(cli().toString(), "-H", host()));
        argv.addAll(List.of(args));
        return Command.run(argv, base, env(), Duration.ofSeconds(90));
    }

    /** Like {@link #docker} but returns trimmed stdout and throws with stderr when it fails. */
    public String dockerOk(String... args) {
        return docker(args).orThrow();
    }

    /** Runs docker-compose (v1) in {@code projectDir} against this daemon. */
    public Command.Result compose(Path projectDir, String... args) {
        Path compose = Rig.executable("docker-compose").orElse(null);
        if (compose == null) Rig.skipOrFail("real-Docker test skipped: no docker-compose on PATH");
        List<String> argv = new ArrayList<>(List.of(compose.toString()));
        argv.addAll(List.of(args));
        Map<String, String> env = env();
        env.put("COMPOSE_INTERACTIVE_NO_CLI", "1");
        return Command.run(argv, projectDir, env, Duration.ofSeconds(180));
    }

    public String composeOk(Path projectDir, String... args) {
        return compose(projectDir, args).orThrow();
    }

    /** Imports {@code local/busybox} into the current data root (a fresh root after a restart has no images). */
    public void importBusybox() {
        dockerOk("import", BusyboxImage.tar().toString(), BusyboxImage.NAME);
    }

    /** Rewrites daemon.json (the rig keeps its key path in it); takes effect at the next start. */
    public synchronized void writeDaemonJson(String json) {
        writeConfig(base, configFile, json);
    }

    /** The last lines of the daemon's log, for failure messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    // What this start wrote, without containerd's gRPC reconnect chatter, which would push the reason out of view.
    private String thisStartsLog(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            int from = 0;
            for (int i = all.size() - 1; i >= 0; i--) if (all.get(i).startsWith("=== rig: start")) { from = i; break; }
            List<String> kept = all.subList(from, all.size()).stream().filter(l -> !l.contains("module=grpc")).toList();
            return String.join("\n", kept.subList(Math.max(0, kept.size() - lines), kept.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public String toString() {
        return "PrivateDockerd[" + host() + ", root " + dataRoot() + (running() ? ", pid " + pid() : ", stopped") + "]";
    }

    // ------------------------------------------------------------------------------------------------- internals

    private List<String> argv(List<String> userFlags) {
        List<String> argv = new ArrayList<>(List.of(dockerd.toString(), "--host", host(), "--exec-root", execRoot.toString(),
                "--pidfile", pidFile.toString(), "--config-file", configFile.toString()));
        argv.addAll(userFlags);
        return Collections.unmodifiableList(argv);
    }

    private List<String> withRootFallback(List<String> f) {
        boolean named = DaemonFlags.value(f, DaemonFlags.DATA_ROOT_NAMES).isPresent() || configuredRoot().isPresent();
        return named ? f : DaemonFlags.with(f, "--data-root", base.resolve(FALLBACK_ROOT).toString());
    }

    private Optional<Path> configuredRoot() {
        try {
            JsonNode cfg = JSON.readTree(configFile.toFile());
            JsonNode root = cfg.hasNonNull("data-root") ? cfg.get("data-root") : cfg.get("graph");
            return root == null || !root.isTextual() ? Optional.empty() : Optional.of(Path.of(root.asText()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    // A SIGKILLed dockerd takes its containerd along (parent-death signal), but here nothing reaps the zombie at
    // once, and dockerd 20.10 trusts containerd.pid while kill(pid, 0) succeeds: it would wait for that zombie
    // and give up ("timeout waiting for containerd to start"). On a host with systemd as init it is reaped at once.
    private void forgetDeadContainerd() {
        containerdPid().filter(pid -> !Procs.alive(pid)).ifPresent(pid -> deleteQuietly(execRoot.resolve("containerd/containerd.pid")));
    }

    // dockerd leaves the br-* interface of every user-defined bridge network (compose's <project>_default) in the
    // host's network namespace when it stops; note them while it can still say which are its own.
    private void rememberBridges() {
        UnixHttp.get(socket, "/networks", Duration.ofSeconds(5)).filter(r -> r.status() == 200).ifPresent(r -> {
            try {
                for (JsonNode n : JSON.readTree(r.body())) {
                    if (!"bridge".equals(n.path("Driver").asText()) || "bridge".equals(n.path("Name").asText())) continue;
                    String named = n.path("Options").path("com.docker.network.bridge.name").asText("");
                    String id = n.path("Id").asText("");
                    if (!named.isEmpty()) bridges.add(named);
                    else if (id.length() >= 12) bridges.add("br-" + id.substring(0, 12));
                }
            } catch (IOException e) {
                // no list, nothing to remember
            }
        });
    }

    // A killed dockerd cannot undo the bind mount of its root onto itself. Under the base folder deleteTree
    // unmounts everything; a root elsewhere (a test's own folder) loses only the mounts dockerd added.
    private void unmountRootsOutsideBase() {
        rootMountsBefore.forEach((root, before) -> {
            if (root.startsWith(base)) return;
            for (long n = mountCount(root); n > before; n--) {
                Command.run(List.of("umount", "-l", root.toString()), Duration.ofSeconds(10));
            }
        });
    }

    private static long mountCount(Path p) {
        return Rig.mountsUnder(p).stream().filter(p::equals).count();
    }

    private void deleteBridges() {
        for (String iface : bridges) {
            if (Files.exists(Path.of("/sys/class/net", iface))) {
                Command.run(List.of(Rig.executable("ip").map(Path::toString).orElse("ip"), "link", "delete", iface), Duration.ofSeconds(10));
            }
        }
    }

    private Optional<Long> containerdPid() {
        try {
            return Optional.of(Long.parseLong(Files.readString(execRoot.resolve("containerd/containerd.pid")).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    // Everything whose command line names our base folder: dockerd, its containerd, the shims (-address
    // <exec-root>/containerd/containerd.sock); containers are their children.
    private void killLeftovers() {
        List<ProcessHandle> left = Procs.withDescendants(Procs.mentioning(base.toString()));
        if (!left.isEmpty()) Procs.killAll(left, Duration.ofSeconds(5));
    }

    private static boolean waitFor(Process p, Duration limit) {
        try {
            return p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void appendLog(String line) {
        try {
            Files.writeString(logFile, line + "\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            // the log is a help, not a requirement
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // next start overwrites a stale pid file of a dead process
        }
    }

    // dockerd 20.10 writes its trust key to /etc/docker/key.json unless daemon.json says otherwise
    private static void writeConfig(Path base, Path file, String json) {
        try {
            JsonNode node = JSON.readTree(json == null || json.isBlank() ? "{}" : json);
            if (!(node instanceof ObjectNode obj)) throw new IllegalArgumentException("daemon.json must be an object: " + json);
            if (!obj.has("deprecated-key-path")) obj.put("deprecated-key-path", base.resolve("key.json").toString());
            Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(obj));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A daemon that could not start; the message carries the end of its log. */
    public static final class DaemonStartException extends RuntimeException {
        private final String log;

        DaemonStartException(String message, String log) {
            super(message + (log.isBlank() ? "" : "\n--- dockerd log ---\n" + log));
            this.log = log;
        }

        public String log() { return log; }
    }

    /** Options for a new daemon; {@link #start()} skips the test (or fails it) when Docker cannot run here. */
    public static final class Builder {
        private Path dataRoot;
        private boolean dataRootFlag = true;
        private final List<String> flags = new ArrayList<>(DEFAULT_FLAGS);
        private String daemonJson = "{}";
        private boolean busybox = true;
        private Duration startTimeout = Duration.ofSeconds(30);
        private Duration stopTimeout = Duration.ofSeconds(20);
        private Path engineBin;
        private final Map<String, String> daemonEnv = new LinkedHashMap<>();

        private Builder() {
        }

        /** Another Docker Engine's binaries, e.g. {@link ModernDocker#bin()}: its dockerd, containerd and CLI. */
        public Builder engine(Path bin) {
            this.engineBin = bin;
            return this;
        }

        /** An environment variable of the dockerd process, e.g. {@code DOCKER_MIN_API_VERSION=1.44} (Docker 29's floor). */
        public Builder daemonEnv(String name, String value) {
            daemonEnv.put(name, value);
            return this;
        }

        /**
         * {@code --data-root} of the first start (default {@code <base>/data-root}). A relative path is taken inside
         * the base folder, so it is deleted with the daemon: {@code dataRoot(Path.of("big"))}.
         */
        public Builder dataRoot(Path root) {
            this.dataRoot = root;
            this.dataRootFlag = true;
            return this;
        }

        /** Start without {@code --data-root}: the root then comes from daemon.json, else {@code <base>/default-root}. */
        public Builder noDataRootFlag() {
            this.dataRootFlag = false;
            return this;
        }

        /** More flags after the defaults, e.g. {@code "--live-restore"}. */
        public Builder flags(String... more) {
            flags.addAll(List.of(more));
            return this;
        }

        /** Drops default (or added) flags by name, e.g. {@code withoutFlags("--init")}. */
        public Builder withoutFlags(String... names) {
            List<String> kept = DaemonFlags.without(flags, names);
            flags.clear();
            flags.addAll(kept);
            return this;
        }

        /** The daemon.json content (the rig adds its key path). */
        public Builder daemonJson(String json) {
            this.daemonJson = json;
            return this;
        }

        /** Whether to import {@code local/busybox} after the first start (default yes, ~0.2 s). */
        public Builder busybox(boolean importIt) {
            this.busybox = importIt;
            return this;
        }

        public Builder startTimeout(Duration d) {
            this.startTimeout = d;
            return this;
        }

        public Builder stopTimeout(Duration d) {
            this.stopTimeout = d;
            return this;
        }

        /**
         * Makes the base folder and starts the daemon; cleans everything up again if that fails. Skips (or fails
         * with {@code DOCTOR_REQUIRE_DOCKER=1}) when not root or dockerd/containerd/busybox are missing.
         */
        public PrivateDockerd start() {
            Rig.assumeDockerCanRun();
            Path base;
            try {
                base = Files.createTempDirectory(Path.of("/tmp"), "dd-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make a base folder under /tmp", e);
            }
            PrivateDockerd d = new PrivateDockerd(this, base);
            LIVE.add(d);
            try {
                writeConfig(base, d.configFile, daemonJson);
                List<String> first = new ArrayList<>();
                if (dataRootFlag) first.addAll(List.of("--data-root", base.resolve(dataRoot != null ? dataRoot : Path.of("data-root")).toString()));
                first.addAll(flags);
                d.start(first);
                if (busybox) d.importBusybox();
                return d;
            } catch (RuntimeException | Error e) {
                d.close();
                throw e;
            }
        }
    }
}
