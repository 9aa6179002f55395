package dev.dockerdoctor.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.dockerdoctor.fleet.EnrollToken;
import dev.dockerdoctor.fleet.FleetBook;
import dev.dockerdoctor.fleet.HostStatus;
import dev.dockerdoctor.fleet.LinkMessage;
import dev.dockerdoctor.fleet.link.AgentLink;
import dev.dockerdoctor.fleet.link.HubLink;
import dev.dockerdoctor.fleet.link.LinkKeys;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The fleet benchmark behind bench/fleet.sh: a hub (HubLink, in a process of its own with the shipped JVM flags)
 * and N simulated agents (AgentLink, the real protocol over TLS 1.3, each with its own key and enrollment) in this
 * process. Prints: the time for all N to enroll and connect, the hub answering the fleet summary (N lines) once
 * they are all up, the hub's resident memory (VmRSS, peak VmHWM), and one real {@code agent} process's memory with
 * the same flags (the unit's), diagnosing a host without Docker every second.
 */
public final class FleetBench {
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("hub")) {
            hub(Path.of(args[1]));
            return;
        }
        int n = Integer.getInteger("bench.agents", 200);
        Path work = Path.of(System.getProperty("bench.dir", "target/bench-fleet"));
        Path hubState = work.resolve("hub");
        deleteTree(hubState);
        Files.createDirectories(hubState);
        List<String> flags = Files.readAllLines(Path.of("deploy/jvm.options")).stream().map(String::strip)
                .filter(l -> !l.isEmpty()).toList();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");

        // keys are kept between runs (a keytool run each is the slow part, and not what is measured)
        long t0 = System.nanoTime();
        List<LinkKeys> keys = keys(work.resolve("agents"), n);
        System.out.printf(Locale.ROOT, "agent keys ready: %d (%.1f s; made once, then reused)%n", n, secs(t0));

        List<String> hubArgv = new ArrayList<>(List.of(java));
        hubArgv.addAll(flags);
        hubArgv.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        hubArgv.addAll(List.of("-cp", cp, FleetBench.class.getName(), "hub", hubState.toString()));
        Process hub = new ProcessBuilder(hubArgv).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<AgentLink> agents = new ArrayList<>();
        Process realAgent = null;
        try (BufferedReader fromHub = new BufferedReader(new InputStreamReader(hub.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter toHub = new PrintWriter(hub.getOutputStream(), true, StandardCharsets.UTF_8)) {
            int port = Integer.parseInt(fromHub.readLine().replace("port ", "").strip());
            LinkKeys hubKeys = LinkKeys.hub(hubState);
            FleetBook book = new FleetBook(hubState);
            List<EnrollToken> tokens = new ArrayList<>();
            for (int i = 0; i < n; i++) tokens.add(book.issue(String.format(Locale.ROOT, "host-%03d", i), hubKeys.fingerprint(), Instant.now()));
            System.out.printf(Locale.ROOT, "hub up on port %d, %d tokens issued%n", port, n);

            long t1 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                agents.add(AgentLink.start("https://127.0.0.1:" + port, keys.get(i), hubKeys.fingerprint(),
                        tokens.get(i).name(), Duration.ofSeconds(15), tokens.get(i).encoded(), simulated(), new AgentLink.Events() { }));
            }
            while (agents.stream().filter(AgentLink::connected).count() < n) {
                if (secs(t1) > 300) throw new IllegalStateException("only " + agents.stream().filter(AgentLink::connected).count() + " of " + n + " connected in 5 min");
                Thread.sleep(50);
            }
            System.out.printf(Locale.ROOT, "%d agents enrolled and connected in %.1f s%n", n, secs(t1));

            for (int round = 1; round <= 3; round++) {
                toHub.println("fleet");
                System.out.println("fleet summary, round " + round + ": " + fromHub.readLine());
                Thread.sleep(1000);
            }
            // a whole heartbeat round (15 s) of every agent, then the hub's memory
            Thread.sleep(16_000);
            toHub.println("fleet");
            System.out.println("fleet summary after a heartbeat round: " + fromHub.readLine());
            System.out.printf(Locale.ROOT, "hub (shipped flags) with %d agents: VmRSS %.1f MiB, peak VmHWM %.1f MiB%n", n,
                    Footprint.rssKiB(hub.pid(), "VmRSS") / 1024.0, Footprint.rssKiB(hub.pid(), "VmHWM") / 1024.0);

            // one real agent process, as the unit runs it, on a host without Docker
            EnrollToken real = book.issue("real-agent", hubKeys.fingerprint(), Instant.now());
            Path agentState = work.resolve("real-agent");
            deleteTree(agentState);
            Files.createDirectories(agentState.resolve("root"));
            realAgent = dev.dockerdoctor.testing.DoctorCli.start(flags, Map.of(
                    "DOCTOR_HUB_URL", "https://127.0.0.1:" + port,
                    "DOCTOR_ENROLL_TOKEN", real.encoded(),
                    "DOCTOR_STATE_DIR", agentState.toString(),
                    "DOCTOR_HOST_ROOT", agentState.resolve("root").toString(),
                    "DOCKER_HOST", "unix://" + agentState.resolve("no-docker.sock"),
                    "DOCTOR_WATCH_INTERVAL", "1"), work.resolve("real-agent.log"), "agent");
            Thread.sleep(30_000);
            System.out.printf(Locale.ROOT, "one real agent (shipped flags), 30 s of diagnosing every second: VmRSS %.1f MiB, peak VmHWM %.1f MiB%n",
                    Footprint.rssKiB(realAgent.pid(), "VmRSS") / 1024.0, Footprint.rssKiB(realAgent.pid(), "VmHWM") / 1024.0);
            toHub.println("fleet");
            System.out.println("fleet summary with the real agent: " + fromHub.readLine());
        } finally {
            for (AgentLink a : agents) a.close();
            dev.dockerdoctor.testing.DoctorCli.stop(realAgent);
            dev.dockerdoctor.testing.DoctorCli.stop(hub);
        }
    }

    /** The hub process: prints its port, then answers each "fleet" line with how long the summary took. */
    static void hub(Path state) throws Exception {
        LinkKeys keys = LinkKeys.hub(state);
        try (HubLink hub = HubLink.start(keys, new FleetBook(state), "127.0.0.1", 0, Clock.systemUTC())) {
            System.out.println("port " + hub.port());
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.equals("fleet")) continue;
                long t = System.nanoTime();
                List<HostStatus> fleet = hub.fleet();
                long connected = fleet.stream().filter(HostStatus::connected).count();
                long reported = fleet.stream().filter(h -> h.verdict() != null).count();
                System.out.printf(Locale.ROOT, "%d hosts, %d connected, %d with a verdict, answered in %.1f ms%n",
                        fleet.size(), connected, reported, (System.nanoTime() - t) / 1e6);
                System.out.flush();
            }
        }
    }

    public static AgentLink.Host simulated() {
        return new AgentLink.Host() {
            @Override
            public com.fasterxml.jackson.databind.JsonNode diagnose(String view, Instant since) {
                return JsonNodeFactory.instance.objectNode();
            }

            @Override
            public com.fasterxml.jackson.databind.JsonNode runStep(String reference, String step, String user) {
                return JsonNodeFactory.instance.objectNode().put("status", "REFUSED");
            }

            @Override
            public boolean acknowledge(String incident, String user, String reason) {
                return false;
            }

            @Override
            public LinkMessage.Heartbeat heartbeat() {
                return new LinkMessage.Heartbeat("ok", "Healthy: simulated", Instant.now());
            }
        };
    }

    public static List<LinkKeys> keys(Path dir, int n) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<LinkKeys>> f = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Path d = dir.resolve(String.format(Locale.ROOT, "a%03d", i));
                f.add(pool.submit(() -> LinkKeys.agent(d, d.getFileName().toString())));
            }
            List<LinkKeys> out = new ArrayList<>();
            for (Future<LinkKeys> x : f) out.add(x.get());
            return out;
        } finally {
            pool.shutdown();
        }
    }

    public static void deleteTree(Path p) throws java.io.IOException {
        if (!Files.exists(p)) return;
        try (var walk = Files.walk(p)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
        }
    }

    public static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
