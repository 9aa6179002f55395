package dev.dockerdoctor.evidence;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.core.RemoteApiVersion;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.dockerdoctor.model.ContainerInfo;
import dev.dockerdoctor.model.DaemonState;
import dev.dockerdoctor.model.DaemonState.Failure;
import dev.dockerdoctor.model.DiskUsage;
import dev.dockerdoctor.parse.DockerLogStream;
import dev.dockerdoctor.parse.SystemDfParser;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real {@link DockerProbe}: docker-java 3.5.1 over the zerodep transport, to the daemon at a DOCKER_HOST URI
 * ({@code unix:///var/run/docker.sock}, {@code tcp://host:2375}).
 *
 * <p>Requests are unversioned, so every daemon answers in its own current API version: docker-java does not
 * negotiate, a pinned version newer than the daemon gets HTTP 400 and Docker 29 refuses versions below 1.44.
 *
 * <p>Never throws, never hangs: every request runs on a worker and is abandoned (its thread interrupted, which
 * closes a unix socket channel) at the read timeout, and every failure becomes {@link DaemonState#unreachable} with a
 * reason in words. A daemon that does not answer costs one read timeout; the worst case, a daemon that answers
 * {@code /info} and then stalls, about three (info, list, then all inspects together). When {@code /info} answers but
 * the list does not, the state is reachable with the daemon's counts, no containers, and {@code error} saying so.
 *
 * <p>Building docker-java's client costs one to three seconds of class loading, so the constructor does nothing but
 * check its arguments; the client is built on first use (outside the read timeout) or by {@link #warmUp()} in the
 * background. Containers are inspected {@value #INSPECT_THREADS} at a time for restart count, OOM kill, health, exit
 * code, times and memory limit (0 = no limit); a container whose inspect fails keeps its list fields. The
 * transport's retry chatter while the daemon is down is kept out of the log by {@code simplelogger.properties}.
 */
public final class DockerJavaProbe implements DockerProbe {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(5);
    /** Parallel container inspects: a host may have hundreds of containers, each inspect is a few ms. */
    static final int INSPECT_THREADS = 8;
    /** Log tails are fetched for at most this many unwell containers (looping first), this many lines each. */
    static final int MAX_LOG_TAILS = 20;
    static final int LOG_TAIL_LINES = 20;
    /** A container that restarted and last exited within this long looks unwell enough to read its log. */
    static final Duration RECENT_EXIT = Duration.ofHours(1);
    private static final int MAX_RAW_BYTES = 32 << 20;

    private final String dockerHost;
    private final URI uri;
    private final String badHost;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final DockerFailures failures;
    private final ExecutorService calls = Executors.newCachedThreadPool(daemonThreads("docker-probe"));
    private final ExecutorService inspects = Executors.newFixedThreadPool(INSPECT_THREADS, daemonThreads("docker-probe-inspect"));
    private final Object buildLock = new Object();
    private volatile Clients clients;
    private volatile boolean closed;

    private record Clients(DockerHttpClient http, DockerClient docker) {
    }

    /** A probe with the default timeouts (connect 2 s, read 5 s). */
    public DockerJavaProbe(String dockerHost) {
        this(dockerHost, DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT);
    }

    /**
     * @param dockerHost     {@code unix:///path}, {@code tcp://host:port}, or a bare socket path
     * @param connectTimeout how long to wait for a connection
     * @param readTimeout    how long any one request (connect included) may take before the daemon counts as not
     *                       answering
     */
    public DockerJavaProbe(String dockerHost, Duration connectTimeout, Duration readTimeout) {
        this.dockerHost = dockerHost == null ? "" : dockerHost.strip();
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.failures = new DockerFailures(this.dockerHost, connectTimeout, readTimeout);
        URI parsed = null;
        String problem = null;
        try {
            parsed = parseHost(this.dockerHost);
        } catch (IllegalArgumentException e) {
            problem = e.getMessage();
        }
        this.uri = parsed;
        this.badHost = problem;
    }

    public String dockerHost() { return dockerHost; }

    public Duration readTimeout() { return readTimeout; }

    /** Builds the docker-java client on a background thread now, so that the first {@link #inspect()} is quick. */
    public DockerJavaProbe warmUp() {
        if (badHost == null && !closed) {
            try {
                calls.submit(this::clients);
            } catch (RuntimeException e) {
                // closed meanwhile: nothing to warm
            }
        }
        return this;
    }

    @Override
    public DaemonState inspect() {
        Optional<DockerFailures.Failed> early = whyNotReachable();
        if (early.isPresent()) return DaemonState.unreachable(early.get().kind(), early.get().message());
        Info info;
        try {
            info = call("GET /info", () -> clients().docker().infoCmd().exec());
        } catch (ProbeFailure f) {
            return DaemonState.unreachable(f.failed.kind(), f.failed.message());
        }
        List<ContainerInfo> containers;
        String error = null;
        try {
            List<Container> listed = call("GET /containers/json",
                    () -> clients().docker().listContainersCmd().withShowAll(true).exec());
            containers = withDetails(listed);
        } catch (ProbeFailure f) {
            // /info answered, so the daemon is up; say plainly that the list is missing rather than claim "no containers"
            containers = List.of();
            error = "could not list containers: " + f.failed.message();
        }
        Object liveRestore = info.getRawValues().get("LiveRestoreEnabled");
        return new DaemonState(true, info.getDockerRootDir(), info.getDriver(), info.getServerVersion(),
                info.getContainers(), info.getContainersRunning(), info.getImages(),
                liveRestore instanceof Boolean b ? b : null, error, containers, null, imageStore(info.getDriverStatuses()),
                minApiVersion(getRaw("/version").orElse(null)));
    }

    /** {@code MinAPIVersion} of a {@code /version} answer, or null. */
    static String minApiVersion(String versionJson) {
        if (versionJson == null) return null;
        try {
            String v = new com.fasterxml.jackson.databind.ObjectMapper().readTree(versionJson).path("MinAPIVersion").asText(null);
            return v != null && v.matches("\\d+\\.\\d+") ? v : null;
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Which image store the daemon uses: with containerd's, {@code /info} says {@code DriverStatus: [["driver-type",
     * "io.containerd.snapshotter.v1"]]} (and Driver keeps the graph driver's name, so it alone does not tell).
     */
    static String imageStore(List<List<String>> driverStatus) {
        if (driverStatus == null) return DaemonState.CLASSIC_STORE;
        for (List<String> kv : driverStatus) {
            if (kv != null && kv.size() == 2 && "driver-type".equals(kv.get(0)) && kv.get(1) != null
                    && kv.get(1).startsWith("io.containerd.snapshotter")) return DaemonState.CONTAINERD_STORE;
        }
        return DaemonState.CLASSIC_STORE;
    }

    /**
     * A raw GET through the same HTTP client ({@code /system/df}, {@code /version}...), for what docker-java has no
     * command for. The body when the daemon answers 2xx within the read timeout, else empty.
     */
    @Override
    public boolean ping() {
        return getRaw("/_ping").isPresent();
    }

    @Override
    public Following follow(Runnable changed, Duration maxBackoff) {
        return DockerEvents.follow(dockerHost, changed, this::ping, maxBackoff);
    }

    public Optional<String> getRaw(String path) {
        return getRawBytes(path).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    /** Like {@link #getRaw} but the body's bytes (a log stream is binary-framed). */
    public Optional<byte[]> getRawBytes(String path) {
        if (whyNotReachable().isPresent()) return Optional.empty();
        String p = path.startsWith("/") ? path : "/" + path;
        try {
            return call("GET " + p, () -> fetch(p));
        } catch (ProbeFailure f) {
            return Optional.empty();
        }
    }

    /**
     * The daemon's own disk accounting ({@code GET /system/df}), read for what a prune could free. Empty when the
     * daemon does not answer within the read timeout (it walks every container's layer: seconds on a big host).
     */
    @Override
    public Optional<DiskUsage> diskUsage() {
        return getRawBytes("/system/df").flatMap(b -> SystemDfParser.parse(new String(b, StandardCharsets.UTF_8)));
    }

    private Optional<byte[]> fetch(String p) throws IOException {
        DockerHttpClient.Request req = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET).path(p).build();
        try (DockerHttpClient.Response res = clients().http().execute(req)) {
            if (res.getStatusCode() / 100 != 2) return Optional.empty();
            return Optional.of(res.getBody().readNBytes(MAX_RAW_BYTES));
        }
    }

    @Override
    public void close() {
        closed = true;
        calls.shutdownNow();
        inspects.shutdownNow();
        Clients c = clients;
        if (c != null) {
            try {
                c.http().close();
            } catch (IOException | RuntimeException e) {
                // closing a dead connection pool: nothing to report
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------- details

    private List<ContainerInfo> withDetails(List<Container> listed) {
        List<Future<InspectContainerResponse>> pending = new ArrayList<>(listed.size());
        for (Container c : listed) {
            try {
                pending.add(inspects.submit(() -> clients().docker().inspectContainerCmd(c.getId()).exec()));
            } catch (RejectedExecutionException e) {
                pending.add(null); // closed meanwhile: list fields only
            }
        }
        // one budget for all inspects: what is not back by then keeps its list fields only
        long deadline = System.nanoTime() + readTimeout.toNanos();
        List<ContainerInfo> out = new ArrayList<>(listed.size());
        Map<String, Boolean> tty = new java.util.HashMap<>();
        for (int i = 0; i < listed.size(); i++) {
            InspectContainerResponse detail = detail(pending.get(i), deadline);
            out.add(ContainerInfos.of(listed.get(i), detail));
            if (detail != null && detail.getConfig() != null) tty.put(listed.get(i).getId(), detail.getConfig().getTty());
        }
        return withLogTails(out, tty);
    }

    /**
     * The last lines of the containers that look unwell (restarting, unhealthy, or restarted and exited within the
     * last hour), looping ones first, at most {@link #MAX_LOG_TAILS}: on a host of hundreds of healthy containers this
     * asks nothing more. One time budget for all of them, as for the inspects.
     */
    private List<ContainerInfo> withLogTails(List<ContainerInfo> containers, Map<String, Boolean> tty) {
        List<ContainerInfo> unwell = unwell(containers, Instant.now());
        if (unwell.isEmpty()) return containers;
        Map<String, Future<Optional<byte[]>>> pending = new java.util.LinkedHashMap<>();
        for (ContainerInfo c : unwell) {
            String path = "/containers/" + c.id() + "/logs?stdout=1&stderr=1&tail=" + LOG_TAIL_LINES;
            try {
                pending.put(c.id(), inspects.submit(() -> fetch(path)));
            } catch (RejectedExecutionException e) {
                break; // closed meanwhile: no tails
            }
        }
        long deadline = System.nanoTime() + readTimeout.toNanos();
        Map<String, List<String>> tails = new java.util.HashMap<>();
        pending.forEach((id, f) -> {
            Optional<byte[]> body = await(f, deadline);
            // a log driver that cannot be read back (none, syslog...) answers an error: no tail, not a failure
            if (body != null && body.isPresent()) tails.put(id, DockerLogStream.lines(body.get(), tty.get(id), LOG_TAIL_LINES));
        });
        return containers.stream().map(c -> tails.containsKey(c.id()) ? c.withLogTail(tails.get(c.id())) : c).toList();
    }

    /** Containers whose log is worth reading, most telling first. */
    static List<ContainerInfo> unwell(List<ContainerInfo> containers, Instant now) {
        return containers.stream()
                .filter(c -> "restarting".equals(c.state()) || "unhealthy".equals(c.health())
                        || (c.restartCount() != null && c.restartCount() > 0 && c.finishedAt() != null
                        && c.finishedAt().isAfter(now.minus(RECENT_EXIT))))
                .sorted(java.util.Comparator.comparingInt((ContainerInfo c) -> "restarting".equals(c.state()) ? 0 : 1)
                        .thenComparing(c -> c.restartCount() == null ? 0 : -c.restartCount()))
                .limit(MAX_LOG_TAILS)
                .toList();
    }

    private static <T> T await(Future<T> f, long deadline) {
        try {
            return f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            f.cancel(true); // a container removed meanwhile (404) or a slow daemon: what is known is still true
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(true);
        }
        return null;
    }

    private static InspectContainerResponse detail(Future<InspectContainerResponse> f, long deadline) {
        if (f == null) return null;
        try {
            return f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            f.cancel(true); // a container removed meanwhile (404) or a slow daemon: its list fields are still true
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(true);
            return null;
        }
    }

    // ------------------------------------------------------------------------------------------------ transport

    private Optional<DockerFailures.Failed> whyNotReachable() {
        if (closed) return Optional.of(new DockerFailures.Failed(Failure.OTHER, "the Docker probe for " + dockerHost + " is closed"));
        if (badHost != null) return Optional.of(new DockerFailures.Failed(Failure.OTHER, badHost));
        if ("unix".equals(uri.getScheme())) {
            Path socket = Path.of(uri.getPath());
            if (!Files.exists(socket)) return Optional.of(failures.noDaemon(Failure.NOT_LISTENING, "socket does not exist"));
            if (Files.isDirectory(socket) || Files.isRegularFile(socket)) {
                return Optional.of(failures.noDaemon(Failure.NOT_LISTENING, socket + " is not a socket"));
            }
            if (!Files.isReadable(socket) || !Files.isWritable(socket)) return Optional.of(failures.permissionDenied());
        }
        return Optional.empty();
    }

    private Clients clients() {
        Clients c = clients;
        if (c != null) return c;
        synchronized (buildLock) {
            if (clients == null) {
                DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                        .withDockerHost(uri.toString())
                        .withDockerTlsVerify(false)
                        .withApiVersion(RemoteApiVersion.UNKNOWN_VERSION)
                        .build();
                DockerHttpClient http = new ZerodepDockerHttpClient.Builder()
                        .dockerHost(uri)
                        .connectionTimeout(connectTimeout)
                        .responseTimeout(readTimeout)
                        .maxConnections(INSPECT_THREADS + 4)
                        .build();
                clients = new Clients(http, DockerClientImpl.getInstance(config, http));
            }
            return clients;
        }
    }

    // The client is built before the clock starts: its ~1 s of class loading is not the daemon's slowness.
    private <T> T call(String what, Callable<T> work) throws ProbeFailure {
        try {
            clients();
        } catch (RuntimeException e) {
            throw new ProbeFailure(Failure.OTHER, "cannot set up a Docker client for " + dockerHost + ": " + e.getMessage());
        }
        for (int attempt = 1; ; attempt++) {
            Future<T> f;
            try {
                f = calls.submit(work);
            } catch (RejectedExecutionException e) {
                throw new ProbeFailure(Failure.OTHER, "the Docker probe for " + dockerHost + " is closed");
            }
            try {
                return f.get(readTimeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                f.cancel(true); // interrupting the worker closes its socket channel
                throw new ProbeFailure(Failure.NO_ANSWER, "Docker daemon at " + dockerHost + " did not answer " + what
                        + " (timed out after " + DockerFailures.seconds(readTimeout) + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                f.cancel(true);
                throw new ProbeFailure(Failure.OTHER, "interrupted while asking the Docker daemon at " + dockerHost);
            } catch (ExecutionException e) {
                // A pooled keep-alive connection to a daemon that has restarted since fails at once on first use
                // (NoHttpResponse/ConnectionClosed): every call here is a GET, so ask once more on a fresh one.
                if (attempt == 1 && DockerFailures.staleConnection(e.getCause())) continue;
                throw new ProbeFailure(failures.describe(what, e.getCause()));
            }
        }
    }

    public static URI parseHost(String host) {
        if (host.isEmpty()) throw new IllegalArgumentException("DOCKER_HOST is empty: set it to unix:///var/run/docker.sock or tcp://host:port");
        String h = host.startsWith("/") ? "unix://" + host : host;
        URI u;
        try {
            u = new URI(h);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("DOCKER_HOST '" + host + "' is not a URI (expected unix:///path or tcp://host:port)");
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "unix" -> {
                if (u.getPath() == null || u.getPath().isEmpty()) {
                    throw new IllegalArgumentException("DOCKER_HOST '" + host + "' names no socket path (expected unix:///path)");
                }
                return u;
            }
            case "tcp", "http" -> {
                if (u.getHost() == null) throw new IllegalArgumentException("DOCKER_HOST '" + host + "' names no host (expected tcp://host:port)");
                try {
                    return new URI("tcp", null, u.getHost(), u.getPort() < 0 ? 2375 : u.getPort(), null, null, null);
                } catch (URISyntaxException e) {
                    throw new IllegalArgumentException("DOCKER_HOST '" + host + "' is not a usable tcp address");
                }
            }
            default -> throw new IllegalArgumentException("DOCKER_HOST '" + host + "' is not supported (expected unix:///path or tcp://host:port)");
        }
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static final class ProbeFailure extends Exception {
        final DockerFailures.Failed failed;

        ProbeFailure(Failure kind, String message) {
            this(new DockerFailures.Failed(kind, message));
        }

        ProbeFailure(DockerFailures.Failed failed) {
            super(failed.message(), null, false, false);
            this.failed = failed;
        }
    }
}
