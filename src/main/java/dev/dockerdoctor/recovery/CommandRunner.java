package dev.dockerdoctor.recovery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The one way docker-doctor runs a command: an argv list, never a shell line; a timeout after which the process and
 * its children are killed (by pid); output kept, trimmed to its last part. The docker commands the Docker API does
 * itself (restart a container, prune) go to the API instead, when the runner has one.
 */
public final class CommandRunner {
    /** Output beyond this many bytes is cut from the front: the end of a command's output says how it ended. */
    static final int MAX_OUTPUT = 16 * 1024;

    /** {@code api} names the Docker API request that ran in the command's place; null when a process ran. */
    public record Result(List<String> argv, int exitCode, String output, Duration duration, boolean timedOut,
                         String error, String api) {
        public Result(List<String> argv, int exitCode, String output, Duration duration, boolean timedOut, String error) {
            this(argv, exitCode, output, duration, timedOut, error, null);
        }

        public boolean ok() { return error == null && !timedOut && exitCode == 0; }

        /** What ran, for the audit log: the argv, or the API request in its place. */
        public String action() {
            return api != null ? "api " + api + " (for: " + String.join(" ", argv) + ")" : "run " + String.join(" ", argv);
        }

        /** One line for people: "exit 0 in 1.2 s", "timed out after 60 s", "could not start: ...". */
        public String summary() {
            if (error != null) return "could not start: " + error;
            if (timedOut) return "timed out after " + duration.toSeconds() + " s";
            return "exit " + exitCode + " in " + String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
        }
    }

    /**
     * What a step's command may see of the bot's environment: where to find programs and the daemon, the language
     * and zone. Nothing else: the bot's tokens and settings are not for compose (which would interpolate them into
     * a project and print them), and a project's own variables come from its own .env.
     */
    static final Set<String> PASSED_ON = Set.of("PATH", "HOME", "USER", "LOGNAME", "LANG", "LC_ALL", "LC_CTYPE", "TZ",
            "DOCKER_HOST", "XDG_RUNTIME_DIR");

    static void scrub(Map<String, String> env) {
        env.keySet().retainAll(PASSED_ON);
    }

    private final DockerApi docker;

    /** Runs every argv as a process. */
    public CommandRunner() {
        this(null);
    }

    /**
     * Runs the docker commands the API does itself ({@link DockerApiCall}) through {@code docker}, so they need no
     * CLI on the host or in the image; every other argv as a process.
     */
    public CommandRunner(DockerApi docker) {
        this.docker = docker;
    }

    public Result run(List<String> argv, Duration timeout) {
        long t0 = System.nanoTime();
        if (argv.isEmpty()) return new Result(argv, -1, "", Duration.ZERO, false, "empty command");
        java.util.Optional<DockerApiCall> call = docker == null ? java.util.Optional.empty() : DockerApiCall.of(argv);
        if (call.isPresent()) return viaApi(argv, call.get(), t0);
        Process p;
        try {
            ProcessBuilder b = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            scrub(b.environment());
            p = b.start();
        } catch (IOException e) {
            return new Result(argv, -1, "", Duration.ofNanos(System.nanoTime() - t0), false, reason(e));
        }
        OutputTail tail = new OutputTail(p.getInputStream());
        Thread reader = new Thread(tail, "runner-output");
        reader.setDaemon(true);
        reader.start();
        boolean finished;
        try {
            finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
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
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        return new Result(argv, finished ? p.exitValue() : -1, tail.text(), took, !finished, null);
    }

    private Result viaApi(List<String> argv, DockerApiCall call, long t0) {
        try {
            String said = docker.run(call);
            return new Result(argv, 0, said, Duration.ofNanos(System.nanoTime() - t0), false, null, call.describe());
        } catch (IOException e) {
            // said as the output of a failed command: the step fails and the thread shows the daemon's words
            return new Result(argv, 1, e.getMessage(), Duration.ofNanos(System.nanoTime() - t0), false, null, call.describe());
        }
    }

    private static String reason(IOException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        // "Cannot run program "x": error=2, No such file or directory" -> keep the useful part
        int i = m.indexOf("error=");
        return i >= 0 ? "no such program or not executable (" + m.substring(i) + ")" : m;
    }

    /** Keeps the last {@link #MAX_OUTPUT} bytes of a stream. */
    private static final class OutputTail implements Runnable {
        private final InputStream in;
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
        private long dropped;

        OutputTail(InputStream in) {
            this.in = in;
        }

        @Override
        public void run() {
            byte[] chunk = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(chunk)) > 0) {
                    synchronized (buf) {
                        buf.write(chunk, 0, n);
                        if (buf.size() > 2 * MAX_OUTPUT) {
                            byte[] all = buf.toByteArray();
                            dropped += all.length - MAX_OUTPUT;
                            buf.reset();
                            buf.write(all, all.length - MAX_OUTPUT, MAX_OUTPUT);
                        }
                    }
                }
            } catch (IOException e) {
                // the process went away: what we have is what there is
            }
        }

        String text() {
            synchronized (buf) {
                byte[] all = buf.toByteArray();
                int from = Math.max(0, all.length - MAX_OUTPUT);
                long cut = dropped + from;
                String s = new String(all, from, all.length - from, StandardCharsets.UTF_8);
                return cut > 0 ? "[... " + cut + " bytes cut]\n" + s : s;
            }
        }
    }
}
