package dev.dockerdoctor.testing.standin;

import dev.dockerdoctor.testing.DoctorCli;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar docker-doctor.jar serve} as its own process, as a user runs it: only the given environment (plus
 * PATH and the like), output to a log file, stopped by its pid on close.
 */
public final class ServeProcess implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;

    private final String host;

    private ServeProcess(Process process, int port, Path log, String host) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.host = host;
    }

    /** Starts serve on a free port and waits until /healthz answers. */
    public static ServeProcess start(Map<String, String> env, Path logDir, Duration timeout) throws Exception {
        return start(env, logDir, timeout, argv -> argv, "127.0.0.1");
    }

    /**
     * The same through a launcher (nsenter into a namespace, say) that turns serve's argv into the one to run;
     * {@code host} is where the test reaches it.
     */
    public static ServeProcess start(Map<String, String> env, Path logDir, Duration timeout,
                                     java.util.function.UnaryOperator<List<String>> launcher, String host) throws Exception {
        int port = freePort();
        Map<String, String> e = new LinkedHashMap<>();
        System.getenv().forEach((k, v) -> {
            if (!k.startsWith("DOCTOR_") && !k.startsWith("SLACK_") && !k.startsWith("DOCKER_")) e.put(k, v);
        });
        e.putAll(env);
        e.put("DOCTOR_PORT", Integer.toString(port));
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", DoctorCli.jar().toString(), "serve"));
        Path log = Files.createTempFile(logDir, "serve-", ".log");
        ProcessBuilder pb = new ProcessBuilder(launcher.apply(argv)).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().clear();
        pb.environment().putAll(e);
        ServeProcess p = new ServeProcess(pb.start(), port, log, host);
        try {
            p.awaitHealthy(timeout);
        } catch (Exception | AssertionError x) {
            p.close();
            throw x;
        }
        return p;
    }

    private void awaitHealthy(Duration timeout) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) throw new AssertionError("serve exited with " + process.exitValue() + ":\n" + log());
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/healthz"))
                        .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) return;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new AssertionError("serve did not answer /healthz within " + timeout + ":\n" + log());
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** SIGTERM (serve finishes its Slack work and stops), then SIGKILL if it does not go. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
