package dev.dockerdoctor.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs one argv (never through a shell) with a time limit and captures its output. A process that outlives the
 * limit is killed with its children, by pid, and the result says so.
 */
public final class Command {
    private Command() {
    }

    /** What a finished command said. {@code timedOut} means it was killed at the limit. */
    public record Result(List<String> argv, int exitCode, String stdout, String stderr, boolean timedOut) {
        public boolean ok() { return exitCode == 0 && !timedOut; }

        /** stdout trimmed, or an {@link IllegalStateException} naming the command and its stderr. */
        public String orThrow() {
            if (!ok()) {
                throw new IllegalStateException(String.join(" ", argv) + (timedOut ? " timed out" : " exited " + exitCode)
                        + ": " + stderr.strip() + (stdout.isBlank() ? "" : " | stdout: " + stdout.strip()));
            }
            return stdout.strip();
        }
    }

    public static Result run(List<String> argv, Path dir, Map<String, String> env, Duration limit) {
        ProcessBuilder pb = new ProcessBuilder(argv);
        if (dir != null) pb.directory(dir.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("DOCTOR_") || k.startsWith("SLACK_") || k.startsWith("DOCKER_"));
        pb.environment().putAll(env);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return new Result(List.copyOf(argv), 127, "", "cannot start " + argv.get(0) + ": " + e.getMessage(), false);
        }
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        boolean finished;
        try {
            finished = p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finished = false;
        }
        if (!finished) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            try {
                p.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return new Result(List.copyOf(argv), finished ? p.exitValue() : -1, out.join(), err.join(), !finished);
    }

    public static Result run(List<String> argv, Duration limit) {
        return run(argv, null, Map.of(), limit);
    }

    public static List<String> argv(String first, List<String> rest) {
        List<String> all = new ArrayList<>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return all;
    }

    // A thread of its own per stream: the common pool may have one thread on a 2-core machine, and two blocking
    // drains queued on it would deadlock a chatty process.
    private static CompletableFuture<String> drain(InputStream in) {
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (in) {
                result.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                result.complete("");
            }
        }, "command-drain");
        t.setDaemon(true);
        t.start();
        return result;
    }
}
