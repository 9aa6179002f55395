package dev.dockerdoctor.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.dockerdoctor.fleet.link.AgentLink;
import dev.dockerdoctor.fleet.link.LinkNotifier;
import dev.dockerdoctor.fleet.link.HubLink;
import dev.dockerdoctor.fleet.link.LinkKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The link for real: a hub and agents on loopback, TLS 1.3 with both sides' certificates, Jetty's WebSocket, the
 * fleet book on disk. One hub (and its key) for the class: making a key costs a keytool run.
 */
class FleetLinkTest {
    @TempDir
    static Path hubState;
    @TempDir
    static Path agents;

    static LinkKeys hubKeys;
    static FleetBook book;
    static HubLink hub;
    static final List<AgentLink> started = new ArrayList<>();
    static final AtomicInteger diagnoses = new AtomicInteger();
    static final List<String> stepsAsked = new java.util.concurrent.CopyOnWriteArrayList<>();
    static final List<String> noticesHeard = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    static void startHub() throws Exception {
        hubKeys = LinkKeys.hub(hubState);
        book = new FleetBook(hubState);
        hub = HubLink.start(hubKeys, book, "127.0.0.1", 0, Clock.systemUTC(), (host, n) -> {
            noticesHeard.add(host + " " + n.kind() + " " + n.incident().path("id").asText());
            if (n.incident().path("id").asText().equals("inc-busy")) {
                return new LinkMessage.Answer(n.id(), null, "Slack said ratelimited", 3, false);
            }
            return new LinkMessage.Answer(n.id(), dev.dockerdoctor.store.StateJson.MAPPER.valueToTree(
                    new dev.dockerdoctor.watch.ThreadRef("C0CHAN", "1700000000.000100")), null, 0, false);
        });
    }

    @AfterAll
    static void stop() throws Exception {
        for (AgentLink a : started) a.close();
        hub.close();
    }

    @Test
    void anAgentsIncidentReachesTheHubNamedByItsKeyAndAStepNamedByTheHubReachesTheAgent() throws Exception {
        EnrollToken token = book.issue("cache-1", hubKeys.fingerprint(), Instant.now());
        AgentLink a = agent(LinkKeys.agent(agents.resolve("cache-1"), "cache-1"), token.name(), token.encoded());
        waitFor(() -> hub.connected("cache-1"), "cache-1 to connect");
        LinkNotifier notifier = new LinkNotifier(a);
        Instant t = Instant.parse("2026-12-04T06:20:00Z");
        dev.dockerdoctor.watch.Incident i = new dev.dockerdoctor.watch.Incident("inc-20261204-062000", "cache-1",
                dev.dockerdoctor.watch.IncidentState.OPEN, t, t, t, null, null, List.of(), List.of(), 0, null,
                List.of(), 1, null);
        dev.dockerdoctor.watch.ThreadRef ref = notifier.opened(i, java.util.Optional.empty());
        assertThat(ref).isEqualTo(new dev.dockerdoctor.watch.ThreadRef("C0CHAN", "1700000000.000100"));
        assertThat(noticesHeard).contains("cache-1 OPENED inc-20261204-062000");
        // Slack's "later" crosses the link as the agent's own rate limit, so its courier waits as long
        dev.dockerdoctor.watch.Incident busy = new dev.dockerdoctor.watch.Incident("inc-busy", "cache-1",
                dev.dockerdoctor.watch.IncidentState.OPEN, t, t, t, null, null, List.of(), List.of(), 0, null,
                List.of(), 1, null);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> notifier.opened(busy, java.util.Optional.empty()))
                .isInstanceOfSatisfying(dev.dockerdoctor.watch.DeliveryException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(3)));

        JsonNode outcome = hub.runStep("cache-1", "inc-20261204-062000", "restart-docker", "U0ADMIN", Duration.ofSeconds(10)).get();
        assertThat(outcome.path("status").asText()).isEqualTo("DONE");
        assertThat(stepsAsked).containsExactly("inc-20261204-062000 restart-docker U0ADMIN");
        assertThat(hub.acknowledge("cache-1", "inc-20261204-062000", "U0BOB", "on it", Duration.ofSeconds(10)).get().asBoolean())
                .isTrue();
        assertThat(hub.acknowledge("cache-1", "r-old", "U0BOB", "on it", Duration.ofSeconds(10)).get().asBoolean())
                .as("the agent's no").isFalse();
        assertThat(stepsAsked).contains("ack inc-20261204-062000 U0BOB on it");
        assertThat(hub.maintain("cache-1", LinkMessage.MaintainAction.START, "U0ADMIN", Instant.now().plusSeconds(600),
                "kernel upgrade", Duration.ofSeconds(10)).get().path("reason").asText()).isEqualTo("kernel upgrade");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> hub.maintain("cache-1", LinkMessage.MaintainAction.END,
                        "U0BOB", null, null, Duration.ofSeconds(10)).get())
                .as("the agent's own admins decide").hasMessageContaining("DOCTOR_ADMINS");

        a.close();
        waitFor(() -> !hub.connected("cache-1"), "cache-1 to be gone");
        // the link is down: the notice fails at once, as a Slack outage would, and the agent's book keeps it
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> notifier.updated(i, java.util.Optional.empty()))
                .isInstanceOfSatisfying(dev.dockerdoctor.watch.DeliveryException.class,
                        e -> assertThat(e.needsPerson()).isFalse());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> hub.runStep("cache-1", "x", "y", "U", Duration.ofSeconds(1)).get())
                .hasMessageContaining("not connected");
    }

    @Test
    void anEnrolledAgentAnswersTheHubAndComesBackByItsKeyAlone() throws Exception {
        EnrollToken token = book.issue("web-1", hubKeys.fingerprint(), Instant.now());
        Path state = agents.resolve("web-1");
        LinkKeys keys = LinkKeys.agent(state, "web-1");
        AgentLink a = agent(keys, token.name(), token.encoded());
        waitFor(() -> hub.connected("web-1"), "web-1 to connect");
        assertThat(a.connected()).isTrue();

        Instant since = Instant.parse("2026-12-04T06:00:00Z");
        JsonNode answer = hub.diagnose("web-1", "root", since, Duration.ofSeconds(10)).get();
        assertThat(answer.path("view").asText()).isEqualTo("root");
        assertThat(answer.path("since").asText()).isEqualTo(since.toString());
        waitFor(() -> hub.fleet().stream().anyMatch(h -> h.name().equals("web-1") && "HEALTHY".equals(h.verdict())),
                "the heartbeat's verdict");

        a.close();
        waitFor(() -> !hub.connected("web-1"), "web-1 to be gone");
        assertThat(hub.fleet()).filteredOn(h -> h.name().equals("web-1")).singleElement()
                .satisfies(h -> assertThat(h.connected()).isFalse());
        // same key, no token (it is spent): let in by the fingerprint the book bound to web-1
        agent(LinkKeys.agent(state, "web-1"), "web-1", null);
        waitFor(() -> hub.connected("web-1"), "web-1 to come back");
        assertThat(book.hosts()).extracting(FleetBook.Host::name).contains("web-1");
        assertThat(Files.readString(book.file())).doesNotContain(token.secret());
    }

    @Test
    void aSpentTokenAMadeUpOneAndJunkGetNothing() throws Exception {
        EnrollToken token = book.issue("db-1", hubKeys.fingerprint(), Instant.now());
        AgentLink first = agent(LinkKeys.agent(agents.resolve("db-1"), "db-1"), "db-1", token.encoded());
        waitFor(() -> hub.connected("db-1"), "db-1 to enroll");

        // another machine with a copy of the spent token
        AgentLink thief = agent(LinkKeys.agent(agents.resolve("thief"), "thief"), "db-1", token.encoded());
        waitFor(() -> thief.lastRefusal() != null, "the spent token to be refused");
        assertThat(thief.lastRefusal()).contains("unknown here");
        assertThat(thief.connected()).isFalse();

        EnrollToken madeUp = EnrollToken.fresh("db-2", hubKeys.fingerprint());
        AgentLink forger = agent(LinkKeys.agent(agents.resolve("forger"), "forger"), "db-2", madeUp.encoded());
        waitFor(() -> forger.lastRefusal() != null, "the made-up token to be refused");
        assertThat(forger.connected()).isFalse();

        AgentLink junk = agent(LinkKeys.agent(agents.resolve("forger"), "forger"), "db-3", "not-a-token");
        waitFor(() -> junk.lastRefusal() != null, "junk to be refused");
        assertThat(book.hosts()).extracting(FleetBook.Host::name).doesNotContain("db-2", "db-3");
        assertThat(first.connected()).isTrue();
    }

    @Test
    void aNameTakenCannotBeTakenOverAndAForgottenHostIsLetInNoMore() throws Exception {
        EnrollToken token = book.issue("ci-1", hubKeys.fingerprint(), Instant.now());
        LinkKeys keys = LinkKeys.agent(agents.resolve("ci-1"), "ci-1");
        AgentLink a = agent(keys, "ci-1", token.encoded());
        waitFor(() -> hub.connected("ci-1"), "ci-1 to enroll");
        assertThatThrownBy(() -> book.issue("ci-1", hubKeys.fingerprint(), Instant.now()))
                .hasMessageContaining("already enrolled");

        // forgotten while connected: let go at its next heartbeat, and not let in again
        assertThat(book.forget("ci-1")).isTrue();
        waitFor(() -> !hub.connected("ci-1"), "ci-1 to be let go");
        a.close();
        AgentLink again = agent(keys, "ci-1", null);
        waitFor(() -> again.lastRefusal() != null, "the forgotten key to be refused");
        assertThat(again.lastRefusal()).contains("not enrolled");
    }

    @Test
    void anExpiredTokenIsRefusedAndSpent() throws Exception {
        EnrollToken old = book.issue("old-1", hubKeys.fingerprint(), Instant.now().minus(Duration.ofHours(2)));
        AgentLink a = agent(LinkKeys.agent(agents.resolve("old-1"), "old-1"), "old-1", old.encoded());
        waitFor(() -> a.lastRefusal() != null, "the expired token to be refused");
        assertThat(a.lastRefusal()).contains("expired");
    }

    @Test
    void anAgentTrustsNoHubButTheOneItsTokenPinned() throws Exception {
        EnrollToken token = book.issue("pin-1", "0".repeat(64), Instant.now());
        AgentLink a = agent(LinkKeys.agent(agents.resolve("pin-1"), "pin-1"), "pin-1", token.encoded());
        Thread.sleep(1500); // a TLS refusal is not a hub's answer: nothing to wait for but time
        assertThat(a.connected()).isFalse();
        assertThat(hub.connected("pin-1")).isFalse();
        assertThat(book.hosts()).extracting(FleetBook.Host::name).doesNotContain("pin-1");
    }

    private AgentLink agent(LinkKeys keys, String name, String token) throws Exception {
        String pin = token == null || EnrollToken.decode(token).isEmpty() ? hubKeys.fingerprint() : EnrollToken.decode(token).get().hubPin();
        AgentLink a = AgentLink.start("https://127.0.0.1:" + hub.port(), keys, pin, name, Duration.ofMillis(200),
                token, new AgentLink.Host() {
                    @Override
                    public JsonNode diagnose(String view, Instant since) {
                        diagnoses.incrementAndGet();
                        return JsonNodeFactory.instance.objectNode().put("view", view).put("since", since.toString());
                    }

                    @Override
                    public JsonNode runStep(String reference, String step, String user) {
                        stepsAsked.add(reference + " " + step + " " + user);
                        return JsonNodeFactory.instance.objectNode().put("status", "DONE").put("step", step);
                    }

                    @Override
                    public boolean acknowledge(String incident, String user, String reason) {
                        stepsAsked.add("ack " + incident + " " + user + " " + reason);
                        return incident.startsWith("inc-");
                    }

                    @Override
                    public JsonNode maintain(LinkMessage.Maintain ask) {
                        if (!"U0ADMIN".equals(ask.user())) throw new SecurityException("not in this host's DOCTOR_ADMINS");
                        stepsAsked.add("maintain " + ask.action() + " " + ask.user() + " " + ask.reason());
                        return JsonNodeFactory.instance.objectNode().put("reason", ask.reason());
                    }

                    @Override
                    public LinkMessage.Heartbeat heartbeat() {
                        return new LinkMessage.Heartbeat("HEALTHY", "All good", Instant.now());
                    }
                }, new AgentLink.Events() { });
        started.add(a);
        return a;
    }

    static void waitFor(BooleanSupplier what, String name) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!what.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("timed out waiting for " + name);
            Thread.sleep(20);
        }
    }
}
