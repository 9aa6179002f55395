package dev.dockerdoctor.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.dockerdoctor.fleet.EnrollToken;
import dev.dockerdoctor.fleet.FleetBook;
import dev.dockerdoctor.fleet.LinkMessage;
import dev.dockerdoctor.fleet.link.AgentLink;
import dev.dockerdoctor.fleet.link.LinkKeys;
import dev.dockerdoctor.testing.standin.SignedClient;
import dev.dockerdoctor.testing.standin.SlackPayloads;
import dev.dockerdoctor.testing.standin.SlackStandIn;

import java.nio.file.Files;
import java.nio.file.Path;
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
 * The fleet benchmark behind bench/fleet.sh: the hub ({@code serve} itself, in a process of its own with the shipped
 * JVM flags, its Slack a stand-in) and N simulated agents (AgentLink, the real protocol over TLS 1.3, each with its
 * own key and enrollment) in this process. Prints: the time for all N to enroll and connect, a signed
 * {@code /docker-status} answered with the fleet's N+1 lines (timed from the command to the answer at its
 * response_url), the hub's resident memory (VmRSS, peak VmHWM), and one real {@code agent} process's memory with
 * the same flags (the unit's), diagnosing a host without Docker every second.
 */
public final class FleetBench {
    static final String SECRET = "fleet-bench-secret-0123456789abcdef";

    public static void main(String[] args) throws Exception {
        int n = Integer.getInteger("bench.agents", 200);
        Path work = Path.of(System.getProperty("bench.dir", "target/bench-fleet"));
        Path hubState = work.resolve("hub");
        deleteTree(hubState);
        Files.createDirectories(hubState.resolve("root"));
        List<String> flags = Files.readAllLines(Path.of("deploy/jvm.options")).stream().map(String::strip)
                .filter(l -> !l.isEmpty()).toList();

        // keys are kept between runs (a keytool run each is the slow part, and not what is measured)
        long t0 = System.nanoTime();
        List<LinkKeys> keys = keys(work.resolve("agents"), n);
        System.out.printf(Locale.ROOT, "agent keys ready: %d (%.1f s; made once, then reused)%n", n, secs(t0));

        LinkKeys hubKeys = LinkKeys.hub(hubState);
        FleetBook book = new FleetBook(hubState);
        List<EnrollToken> tokens = new ArrayList<>();
        for (int i = 0; i < n; i++) tokens.add(book.issue(String.format(Locale.ROOT, "host-%03d", i), hubKeys.fingerprint(), Instant.now()));
        int slackPort = freePort();
        int agentPort = freePort();
        List<AgentLink> agents = new ArrayList<>();
        Process hub = null;
        Process realAgent = null;
        try (SlackStandIn slack = new SlackStandIn()) {
            // the hub is serve itself, with the shipped flags, its Slack a stand-in
            Map<String, String> env = new java.util.LinkedHashMap<>();
            env.put("SLACK_BOT_TOKEN", "xoxb-bench");
            env.put("SLACK_SIGNING_SECRET", SECRET);
            env.put("SLACK_API_URL", slack.apiUrl());
            env.put("DOCTOR_STATE_DIR", hubState.toString());
            env.put("DOCTOR_PORT", Integer.toString(slackPort));
            env.put("DOCTOR_AGENT_PORT", Integer.toString(agentPort));
            env.put("DOCTOR_HOST_NAME", "hub");
            env.put("DOCTOR_HOST_ROOT", hubState.resolve("root").toString());
            env.put("DOCKER_HOST", "unix://" + hubState.resolve("no-docker.sock"));
            hub = dev.dockerdoctor.testing.DoctorCli.start(flags, env, work.resolve("hub.log"), "serve");
            awaitHealthy(slackPort, hub, work.resolve("hub.log"));
            System.out.printf(Locale.ROOT, "hub (serve, shipped flags) up: Slack on %d, agents on %d, %d tokens issued%n",
                    slackPort, agentPort, n);

            long t1 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                agents.add(AgentLink.start("https://127.0.0.1:" + agentPort, keys.get(i), hubKeys.fingerprint(),
                        tokens.get(i).name(), Duration.ofSeconds(15), tokens.get(i).encoded(), simulated(), new AgentLink.Events() { }));
            }
            while (agents.stream().filter(AgentLink::connected).count() < n) {
                if (secs(t1) > 300) throw new IllegalStateException("only " + agents.stream().filter(AgentLink::connected).count() + " of " + n + " connected in 5 min");
                Thread.sleep(50);
            }
            System.out.printf(Locale.ROOT, "%d agents enrolled and connected in %.1f s%n", n, secs(t1));

            SignedClient client = new SignedClient("127.0.0.1", slackPort, SECRET);
            for (int round = 1; round <= 3; round++) {
                System.out.println("/docker-status, round " + round + ": " + fleetSummary(slack, client));
                Thread.sleep(1000);
            }
            // a whole heartbeat round (15 s) of every agent, then the hub's memory
            Thread.sleep(16_000);
            System.out.println("/docker-status after a heartbeat round: " + fleetSummary(slack, client));
            System.out.printf(Locale.ROOT, "hub (serve, shipped flags) with %d agents: VmRSS %.1f MiB, peak VmHWM %.1f MiB%n", n,
                    Footprint.rssKiB(hub.pid(), "VmRSS") / 1024.0, Footprint.rssKiB(hub.pid(), "VmHWM") / 1024.0);

            // one real agent process, as the unit runs it, on a host without Docker
            EnrollToken real = book.issue("real-agent", hubKeys.fingerprint(), Instant.now());
            Path agentState = work.resolve("real-agent");
            deleteTree(agentState);
            Files.createDirectories(agentState.resolve("root"));
            realAgent = dev.dockerdoctor.testing.DoctorCli.start(flags, Map.of(
                    "DOCTOR_HUB_URL", "https://127.0.0.1:" + agentPort,
                    "DOCTOR_ENROLL_TOKEN", real.encoded(),
                    "DOCTOR_STATE_DIR", agentState.toString(),
                    "DOCTOR_HOST_ROOT", agentState.resolve("root").toString(),
                    "DOCKER_HOST", "unix://" + agentState.resolve("no-docker.sock"),
                    "DOCTOR_WATCH_INTERVAL", "1"), work.resolve("real-agent.log"), "agent");
            Thread.sleep(30_000);
            System.out.printf(Locale.ROOT, "one real agent (shipped flags), 30 s of diagnosing every second: VmRSS %.1f MiB, peak VmHWM %.1f MiB%n",
                    Footprint.rssKiB(realAgent.pid(), "VmRSS") / 1024.0, Footprint.rssKiB(realAgent.pid(), "VmHWM") / 1024.0);
            System.out.println("/docker-status with the real agent: " + fleetSummary(slack, client));
        } finally {
            for (AgentLink a : agents) a.close();
            dev.dockerdoctor.testing.DoctorCli.stop(realAgent);
            dev.dockerdoctor.testing.DoctorCli.stop(hub);
        }
    }

    /** A signed /docker-status as a user types it, timed until its answer reaches the response_url. */
    static String fleetSummary(SlackStandIn slack, SignedClient client) throws Exception {
        String name = "fleet-" + System.nanoTime();
        long t = System.nanoTime();
        client.post(SlackPayloads.slashCommand("", "U0ALICE", slack.responseUrl(name)));
        String body = slack.awaitPath("/response/" + name, Duration.ofSeconds(30))
                .orElseThrow(() -> new IllegalStateException("no answer to /docker-status")).body();
        double ms = (System.nanoTime() - t) / 1e6;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+ hosts[^\"]*?)\"").matcher(body);
        return String.format(Locale.ROOT, "answered in %.0f ms: %s", ms, m.find() ? m.group(1) : "(no summary)");
    }

    static void awaitHealthy(int port, Process p, Path log) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < end) {
            if (!p.isAlive()) throw new IllegalStateException("serve exited: " + Files.readString(log));
            try {
                if (http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/healthz")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode() == 200) return;
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("serve did not answer /healthz: " + Files.readString(log));
    }

    static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
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
            public com.fasterxml.jackson.databind.JsonNode maintain(LinkMessage.Maintain ask) {
                return null;
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
