package dev.dockerdoctor.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs the packaged jar as a user would, as its own process, and reads what it printed. */
public final class DoctorCli {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DoctorCli() {
    }

    public record Run(int exitCode, String stdout, String stderr, Duration took) {
        public JsonNode json() {
            try {
                return JSON.readTree(stdout);
            } catch (IOException e) {
                throw new AssertionError("not one JSON document (exit " + exitCode + "): " + stdout + "\nstderr: " + stderr, e);
            }
        }

        public List<String> findingIds() {
            List<String> ids = new ArrayList<>();
            json().path("findings").forEach(f -> ids.add(f.path("id").asText()));
            return ids;
        }

        public List<String> planIds() {
            List<String> ids = new ArrayList<>();
            json().path("plan").forEach(f -> ids.add(f.path("id").asText()));
            return ids;
        }
    }

    public static Path jar() {
        Path jar = Path.of(System.getProperty("doctor.jar", "target/docker-doctor.jar"));
        if (!Files.exists(jar)) throw new AssertionError("no " + jar + ": run `mvn package` (ITs run after it in `mvn verify`)");
        return jar;
    }

    /** Runs {@code java -jar docker-doctor.jar args...} with only the given environment (plus PATH). */
    public static Run run(Map<String, String> env, String... args) {
        List<String> argv = new ArrayList<>(List.of(javaBin(), "-jar", jar().toString()));
        argv.addAll(List.of(args));
        Map<String, String> e = environment(env);
        long t0 = System.nanoTime();
        Command.Result r = Command.run(argv, Path.of("."), e, Duration.ofSeconds(120));
        return new Run(r.exitCode(), r.stdout(), r.stderr(), Duration.ofNanos(System.nanoTime() - t0));
    }

    /**
     * Starts {@code java FLAGS -jar docker-doctor.jar args...} in the background (a long-running command such as
     * {@code agent}), with only the given environment, its output in {@code log}. Stop it with {@link #stop}.
     */
    public static Process start(List<String> jvmFlags, Map<String, String> env, Path log, String... args) throws java.io.IOException {
        List<String> argv = new ArrayList<>(List.of(javaBin()));
        argv.addAll(jvmFlags);
        argv.addAll(List.of("-jar", jar().toString()));
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().clear();
        pb.environment().putAll(environment(env));
        return pb.start();
    }

    /** Stops one process started by {@link #start}, by its handle, and waits for it. */
    public static void stop(Process p) throws InterruptedException {
        if (p == null) return;
        p.destroy();
        if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    /** The machine's environment without its own DOCTOR_/SLACK_/DOCKER_ settings, which must not leak in, plus {@code env}. */
    private static Map<String, String> environment(Map<String, String> env) {
        Map<String, String> e = new LinkedHashMap<>();
        System.getenv().forEach((k, v) -> {
            if (!k.startsWith("DOCTOR_") && !k.startsWith("SLACK_") && !k.startsWith("DOCKER_")) e.put(k, v);
        });
        e.putAll(env);
        return e;
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
