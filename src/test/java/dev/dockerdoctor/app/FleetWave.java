package dev.dockerdoctor.app;

import com.slack.api.Slack;
import dev.dockerdoctor.bench.FleetBench;
import dev.dockerdoctor.fleet.EnrollToken;
import dev.dockerdoctor.fleet.FleetBook;
import dev.dockerdoctor.fleet.link.AgentLink;
import dev.dockerdoctor.fleet.link.HubLink;
import dev.dockerdoctor.fleet.link.LinkKeys;
import dev.dockerdoctor.fleet.link.LinkNotifier;
import dev.dockerdoctor.model.Diagnosis;
import dev.dockerdoctor.slack.SlackBot;
import dev.dockerdoctor.slack.SlackIncidentNotifier;
import dev.dockerdoctor.slack.TestDiagnoses;
import dev.dockerdoctor.slack.message.ViewContext;
import dev.dockerdoctor.testing.standin.SlackStandIn;
import dev.dockerdoctor.watch.DeliveryException;
import dev.dockerdoctor.watch.Incident;
import dev.dockerdoctor.watch.IncidentNotifier;
import dev.dockerdoctor.watch.IncidentState;
import dev.dockerdoctor.watch.SignalKind;
import dev.dockerdoctor.watch.SignalRecord;
import dev.dockerdoctor.watch.ThreadRef;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One upgrade wave on N hosts: N agents (the real link over TLS, each its own key and enrollment) tell their
 * incidents of one cause at once, opened over one minute; the hub's real HubIncidents and SlackIncidentNotifier post
 * them to a Slack stand-in that takes one message a second per channel, and each agent retries as its watch does
 * (after Retry-After). Used by {@code bench/fleet-wave.sh} (50 hosts) and FleetWaveTest (a few).
 */
public final class FleetWave {
    static final String CHANNEL = "C0INCIDENTS";

    /** What reached the channel: root messages, each host's card and diagnosis, and the group root's last text. */
    public record Result(int hosts, double seconds, long roots, Map<String, Long> cards, Map<String, Long> diagnoses,
                         int refusedBySlack, String groupRoot) {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.getInteger("bench.hosts", 50);
        Result r = run(n, Path.of(System.getProperty("bench.dir", "target/bench-wave")));
        System.out.printf(Locale.ROOT, "%d hosts failing within a minute: all delivered in %.1f s through one post a second"
                        + " per channel (%d posts refused with 429 and retried)%n", r.hosts(), r.seconds(), r.refusedBySlack());
        System.out.printf(Locale.ROOT, "root messages: %d; cards: %d hosts, each %s; diagnoses: %d hosts, each %s%n", r.roots(),
                r.cards().size(), r.cards().values().stream().distinct().map(String::valueOf).collect(Collectors.joining("/")),
                r.diagnoses().size(), r.diagnoses().values().stream().distinct().map(String::valueOf).collect(Collectors.joining("/")));
        System.out.println("group root: " + r.groupRoot());
    }

    public static Result run(int n, Path work) throws Exception {
        Path hubState = work.resolve("hub");
        FleetBench.deleteTree(hubState);
        Files.createDirectories(hubState);
        try (SlackStandIn slack = new SlackStandIn().onePostASecondPerChannel()) {
            Slack client = SlackBot.slack(slack.apiUrl());
            Map<String, IncidentNotifier> byHost = new ConcurrentHashMap<>();
            dev.dockerdoctor.slack.ChannelPacer pacer = dev.dockerdoctor.slack.ChannelPacer.slacks();
            Function<String, IncidentNotifier> notifiers = host -> byHost.computeIfAbsent(host, h -> new SlackIncidentNotifier(
                    client.methods("xoxb-wave"), CHANNEL, id -> new ViewContext(h, id == null ? null : h + ":" + id,
                    List.of("U0ALICE"), null), ZoneOffset.UTC, dev.dockerdoctor.model.Secrets.none(), List.of(), pacer));
            LinkKeys hubKeys = LinkKeys.hub(hubState);
            FleetBook book = new FleetBook(hubState);
            List<LinkKeys> keys = FleetBench.keys(work.resolve("agents"), n);
            List<AgentLink> agents = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(n, 64));
            try (HubLink hub = HubLink.start(hubKeys, book, "127.0.0.1", 0, Clock.systemUTC(), new HubIncidents(hubState, notifiers))) {
                for (int i = 0; i < n; i++) {
                    EnrollToken t = book.issue(name(i), hubKeys.fingerprint(), Instant.now());
                    agents.add(AgentLink.start("https://127.0.0.1:" + hub.port(), keys.get(i), hubKeys.fingerprint(), t.name(),
                            Duration.ofSeconds(15), t.encoded(), FleetBench.simulated(), new AgentLink.Events() { }));
                }
                long up = System.nanoTime() + Duration.ofMinutes(2).toNanos();
                while (agents.stream().filter(AgentLink::connected).count() < n) {
                    if (System.nanoTime() > up) throw new IllegalStateException("not every agent connected");
                    Thread.sleep(20);
                }
                Instant first = Instant.now();
                Diagnosis d = TestDiagnoses.unreachable();
                long t0 = System.nanoTime();
                List<Future<?>> told = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    LinkNotifier agent = new LinkNotifier(agents.get(i));
                    Incident inc = incident(name(i), first.plusSeconds(60L * i / Math.max(1, n)));
                    told.add(pool.submit(() -> {
                        ThreadRef ref = deliver(() -> agent.opened(inc, Optional.of(d)));
                        deliver(() -> agent.updated(inc.inThread(ref), Optional.of(d)));
                        return null;
                    }));
                }
                for (Future<?> f : told) f.get();
                double seconds = FleetBench.secs(t0);
                List<SlackStandIn.Posted> posted = slack.posted();
                Map<String, Long> cards = new java.util.TreeMap<>();
                Map<String, Long> diagnoses = new java.util.TreeMap<>();
                for (SlackStandIn.Posted p : posted) {
                    if (p.threadTs() == null || p.text() == null) continue;
                    for (int i = 0; i < n; i++) {
                        if (p.text().startsWith("Docker does not answer on " + name(i) + ":")) cards.merge(name(i), 1L, Long::sum);
                        if (p.text().startsWith("Diagnosis of incident inc-" + name(i) + ":")) diagnoses.merge(name(i), 1L, Long::sum);
                    }
                }
                long roots = posted.stream().filter(p -> p.threadTs() == null).count();
                String root = posted.stream().filter(p -> p.threadTs() == null).map(SlackStandIn.Posted::text).findFirst().orElse("");
                return new Result(n, seconds, roots, cards, diagnoses, slack.rateLimited(), root);
            } finally {
                for (AgentLink a : agents) a.close();
                pool.shutdownNow();
            }
        }
    }

    static String name(int i) {
        return String.format(Locale.ROOT, "host-%03d", i);
    }

    static Incident incident(String host, Instant at) {
        return new Incident("inc-" + host, host, IncidentState.OPEN, at, at, at, null, null,
                List.of(new SignalRecord(SignalKind.DAEMON_UNREACHABLE, "docker", "Docker daemon unreachable", at, at, null)),
                List.of(), 0, null, List.of(), 1, null);
    }

    private interface Delivery {
        ThreadRef send() throws DeliveryException;
    }

    /** As the agent's watch delivers: again after Retry-After (or a second) until it gets through. */
    private static ThreadRef deliver(Delivery d) throws Exception {
        for (int attempt = 0; attempt < 1000; attempt++) {
            try {
                return d.send();
            } catch (DeliveryException e) {
                Thread.sleep(e.retryAfter().orElse(Duration.ofSeconds(1)).toMillis());
            }
        }
        throw new IllegalStateException("never delivered");
    }
}
