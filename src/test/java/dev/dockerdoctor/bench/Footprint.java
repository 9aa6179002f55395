package dev.dockerdoctor.bench;

import dev.dockerdoctor.testing.standin.AckLatency;
import dev.dockerdoctor.testing.standin.ServeProcess;
import dev.dockerdoctor.testing.standin.SignedClient;
import dev.dockerdoctor.testing.standin.SlackStandIn;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The footprint benchmark behind bench/footprint.sh: {@code serve} started as a process against the Slack stand-in,
 * once with the shipped JVM flags (deploy/jvm.options, the file the unit and the image read) and once with the JVM's
 * defaults. For each: milliseconds from start to the first 200 of /healthz, ack latency of N signed /docker-status
 * requests (each diagnosis runs, with Docker absent: the incident itself), and the resident memory after them
 * (VmRSS, and the peak VmHWM, from /proc).
 */
public final class Footprint {
    static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

    public static void main(String[] args) throws Exception {
        int n = Integer.getInteger("bench.requests", 250);
        int runs = Integer.getInteger("bench.runs", 3);
        List<String> shipped = Files.readAllLines(Path.of("deploy/jvm.options")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        System.out.println("shipped flags (deploy/jvm.options): " + String.join(" ", shipped));
        for (int r = 1; r <= runs; r++) {
            System.out.println(run("shipped ", shipped, n, r));
            System.out.println(run("defaults", List.of(), n, r));
        }
    }

    static String run(String name, List<String> flags, int n, int round) throws Exception {
        Path dir = Files.createTempDirectory("doctor-footprint");
        try (SlackStandIn slack = new SlackStandIn()) {
            Files.createDirectories(dir.resolve("host/etc"));
            Files.writeString(dir.resolve("host/etc/hostname"), "bench-host\n");
            Map<String, String> env = Map.of("SLACK_BOT_TOKEN", "xoxb-bench", "SLACK_SIGNING_SECRET", SECRET,
                    "SLACK_API_URL", slack.apiUrl(), "DOCTOR_HOST_ROOT", dir.resolve("host").toString(),
                    "DOCTOR_STATE_DIR", dir.resolve("state").toString(), "DOCKER_HOST", "unix://" + dir.resolve("no-docker.sock"),
                    "DOCTOR_ADMINS", "U0ALICE");
            long t0 = System.nanoTime();
            try (ServeProcess serve = ServeProcess.start(env, dir, Duration.ofSeconds(60), argv -> {
                List<String> a = new ArrayList<>(argv.subList(0, 1));
                a.addAll(flags);
                a.addAll(argv.subList(1, argv.size()));
                return a;
            }, "127.0.0.1")) {
                double startMs = (System.nanoTime() - t0) / 1e6;
                long idle = rssKiB(serve.pid(), "VmRSS");
                AckLatency.Result ack = AckLatency.measure(new SignedClient(serve.port(), SECRET), slack, n, 20, 8, Duration.ofSeconds(180));
                Thread.sleep(1000);
                long rss = rssKiB(serve.pid(), "VmRSS");
                long peak = rssKiB(serve.pid(), "VmHWM");
                return String.format(Locale.ROOT, "%s run %d: start to /healthz %.0f ms; idle %.1f MiB; after %d requests"
                                + " RSS %.1f MiB (peak %.1f MiB); ack p50 %.1f ms, p99 %.1f ms, max %.1f ms; %d/%d reports",
                        name, round, startMs, idle / 1024.0, n, rss / 1024.0, peak / 1024.0, ack.p50(), ack.p99(), ack.max(),
                        ack.reports(), n);
            }
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static long rssKiB(long pid, String field) throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(field + ":")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
        return -1;
    }
}
