package dev.dockerdoctor.evidence;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * {@link Journal} through the {@code journalctl} binary of the machine the doctor runs on, pointed at the host's
 * journal files with {@code --directory} (so it works under a host root and inside a container). An argv, never a
 * shell; killed after a timeout. Filters by unit and time on journalctl's side so only the few relevant entries
 * cross the pipe.
 */
public final class JournalCtl implements Journal {
    static final List<String> FIELDS = List.of("__REALTIME_TIMESTAMP", "_SYSTEMD_UNIT", "UNIT", "SYSLOG_IDENTIFIER",
            "MESSAGE", "_PID", "_COMM", "_HOSTNAME", "CONTAINER_ID");
    private static final int MAX_LINE = 64 * 1024;

    private final String binary;
    private final Duration timeout;

    public JournalCtl(String binary, Duration timeout) {
        this.binary = binary;
        this.timeout = timeout;
    }

    /** The journalctl this reads with. */
    public String binary() { return binary; }

    /** The machine's own journalctl, 20 s at most. */
    public static JournalCtl standard() {
        String bin = Files.isExecutable(Path.of("/usr/bin/journalctl")) ? "/usr/bin/journalctl" : "/bin/journalctl";
        return new JournalCtl(bin, Duration.ofSeconds(20));
    }

    /** The argv for one read; {@code withFields} false for journalctl older than 236 (no --output-fields). */
    List<String> argv(Path directory, Instant since, Instant until, boolean withFields) {
        List<String> a = new ArrayList<>(List.of(binary, "--directory", directory.toString(), "-o", "json",
                "--no-pager", "-q", "--reverse", "--since", "@" + since.getEpochSecond(),
                "--until", "@" + (until.getEpochSecond() + 1)));
        if (withFields) a.add("--output-fields=" + String.join(",", FIELDS));
        // the units' own processes, or systemd speaking about the units, or systemd reloading (package scripts)
        for (String u : UNITS) a.add("_SYSTEMD_UNIT=" + u);
        a.add("+");
        for (String u : UNITS) a.add("UNIT=" + u);
        a.add("+");
        a.add("MESSAGE=Reloading.");
        return a;
    }

    @Override
    public List<String> read(Path directory, Instant since, Instant until, Predicate<String> lines) {
        if (!Files.isExecutable(Path.of(binary))) {
            return List.of("journal: " + binary + " is not installed here, so the journal was not read");
        }
        Run r = run(argv(directory, since, until, true), lines);
        if (r.delivered == 0 && r.exit != 0 && r.stderr.contains("output-fields")) {
            r = run(argv(directory, since, until, false), lines);
        }
        List<String> problems = new ArrayList<>();
        if (r.timedOut) problems.add("journal: journalctl took longer than " + timeout.toSeconds() + " s and was stopped; entries may be missing");
        else if (r.error != null) problems.add("journal: " + r.error);
        else if (r.exit != 0 && !r.stoppedByUs) {
            String why = r.stderr.isBlank() ? "" : ": " + r.stderr.lines().findFirst().orElse("").strip();
            problems.add("journal: journalctl exited with " + r.exit + why);
        }
        return problems;
    }

    private static final class Run {
        int exit;
        boolean timedOut;
        boolean stoppedByUs;
        long delivered;
        String stderr = "";
        String error;
    }

    private Run run(List<String> argv, Predicate<String> lines) {
        Run r = new Run();
        Process p;
        try {
            p = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            r.error = "journalctl could not start (" + e.getMessage() + ")";
            return r;
        }
        AtomicBoolean timedOut = new AtomicBoolean();
        Thread watchdog = new Thread(() -> {
            try {
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    timedOut.set(true);
                    p.destroyForcibly();
                }
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "journalctl-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread errReader = new Thread(() -> drain(p.getErrorStream(), err), "journalctl-stderr");
        errReader.setDaemon(true);
        errReader.start();
        try (InputStream out = p.getInputStream()) {
            LineReaders.forwards(out, MAX_LINE, (b, off, len, cut) -> {
                r.delivered++;
                boolean more = lines.test(new String(b, off, len, StandardCharsets.UTF_8));
                if (!more) r.stoppedByUs = true;
                return more;
            });
        } catch (IOException e) {
            if (!timedOut.get()) r.error = "reading journalctl's output failed (" + e.getMessage() + ")";
        }
        if (r.stoppedByUs) p.destroy();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor(2, TimeUnit.SECONDS);
                timedOut.set(true);
            }
            r.exit = p.isAlive() ? -1 : p.exitValue();
            errReader.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
        watchdog.interrupt();
        r.timedOut = timedOut.get();
        synchronized (err) {
            r.stderr = err.toString(StandardCharsets.UTF_8);
        }
        return r;
    }

    private static void drain(InputStream in, ByteArrayOutputStream err) {
        byte[] b = new byte[4096];
        try {
            int n;
            while ((n = in.read(b)) > 0) {
                synchronized (err) {
                    if (err.size() < 4096) err.write(b, 0, Math.min(n, 4096 - err.size()));
                }
            }
        } catch (IOException ignored) {
            // the process went away; what we have is enough
        }
    }
}
