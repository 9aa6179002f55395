package dev.dockerdoctor.fleet.link;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dockerdoctor.fleet.EnrollToken;
import dev.dockerdoctor.fleet.FleetBook;
import dev.dockerdoctor.fleet.HostStatus;
import dev.dockerdoctor.fleet.LinkMessage;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hub's end of the link: agents dial {@code wss://HUB:PORT/agent/v1} (TLS 1.3, both sides' certificates) and
 * Jetty's WebSocket carries the {@link LinkMessage}s. Who an agent is gets decided at the upgrade, before any message:
 * a known certificate fingerprint is its host; an unknown one may present a one-time enrollment token
 * ({@value #ENROLL_HEADER}); anything else is answered 403 with the reason in {@value #REFUSED_HEADER}.
 */
public final class HubLink implements AutoCloseable {
    public static final String PATH = "/agent/v1";
    public static final String ENROLL_HEADER = "X-Doctor-Enroll";
    public static final String REFUSED_HEADER = "X-Doctor-Refused";
    /** The largest message either side takes: a diagnosis with a long timeline is a few hundred KiB. */
    public static final long MAX_MESSAGE = 8L << 20;
    /** How often the book's last-seen time is written: often enough for {@code hosts}, rarely enough for a disk. */
    static final Duration WRITE_SEEN_EVERY = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(HubLink.class);

    private final FleetBook book;
    private final Clock clock;
    private final Server server;
    private final ServerConnector connector;
    private final Map<String, HubSession> live = new ConcurrentHashMap<>();
    private final Map<String, HostStatus> heard = new ConcurrentHashMap<>();
    private final Map<String, Duration> intervals = new ConcurrentHashMap<>();
    private final Notices notices;
    /** One notice at a time, in the order they came: Slack's one message a second per channel is the bottleneck. */
    private final java.util.concurrent.ExecutorService noticeThread = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "doctor-hub-notices");
        t.setDaemon(true);
        return t;
    });

    /** What the hub does with an agent's incident notices (posts them to Slack); called on one thread. */
    @FunctionalInterface
    public interface Notices {
        LinkMessage.Answer notice(String host, LinkMessage.Notice notice);

        /** A hub that posts nothing: every notice is answered "not posted", so agents keep it and tell again. */
        Notices NONE = (host, n) -> new LinkMessage.Answer(n.id(), null, "this hub posts no incidents", 0, true);
    }

    private HubLink(FleetBook book, Clock clock, Server server, ServerConnector connector, Notices notices) {
        this.book = book;
        this.clock = clock;
        this.server = server;
        this.connector = connector;
        this.notices = notices;
    }

    /** Listens on {@code port} (0: any free one) of {@code bindHost} (null: every address); posts no incidents. */
    public static HubLink start(LinkKeys keys, FleetBook book, String bindHost, int port, Clock clock) throws Exception {
        return start(keys, book, bindHost, port, clock, Notices.NONE);
    }

    /** As above, with {@code notices} deciding what becomes of the agents' incidents. */
    public static HubLink start(LinkKeys keys, FleetBook book, String bindHost, int port, Clock clock,
                                Notices notices) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(32, 2);
        threads.setName("doctor-hub");
        Server server = new Server(threads);
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setSslContext(LinkTls.hub(keys));
        tls.setNeedClientAuth(true);
        tls.setIncludeProtocols(LinkTls.PROTOCOL);
        HttpConfiguration http = new HttpConfiguration();
        // agents dial an IP as often as a name and trust the pinned certificate, not its name: no SNI check
        http.addCustomizer(new SecureRequestCustomizer(false));
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(tls, "http/1.1"),
                new HttpConnectionFactory(http));
        connector.setHost(bindHost);
        connector.setPort(port);
        server.addConnector(connector);
        HubLink hub = new HubLink(book, clock, server, connector, notices);
        server.setHandler(WebSocketUpgradeHandler.from(server, container -> {
            container.setMaxTextMessageSize(MAX_MESSAGE);
            container.setIdleTimeout(Duration.ofMinutes(5));
            container.addMapping(PATH, hub::upgrade);
        }));
        server.start();
        return hub;
    }

    public int port() {
        return connector.getLocalPort();
    }

    private Object upgrade(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        Object ssl = request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE);
        X509Certificate[] peer = ssl instanceof EndPoint.SslSessionData d ? d.peerCertificates() : null;
        if (peer == null || peer.length == 0) return refuse(request, response, callback, "no client certificate");
        String fingerprint = LinkKeys.fingerprint(peer[0]);
        String token = request.getHeaders().get(ENROLL_HEADER);
        Optional<EnrollToken> t = EnrollToken.decode(token);
        if (token != null && t.isEmpty()) return refuse(request, response, callback, FleetBook.Refusal.UNKNOWN_TOKEN.text);
        FleetBook.Admission admission;
        try {
            admission = t.isPresent() ? book.redeem(t.get(), fingerprint, clock.instant()) : book.admit(fingerprint);
        } catch (IOException e) {
            log.warn("Fleet book unreadable; agent from {} not let in: {}", request.getConnectionMetaData().getRemoteSocketAddress(), e.getMessage());
            return refuse(request, response, callback, "the hub cannot read its fleet book");
        }
        if (admission.host().isEmpty()) return refuse(request, response, callback, admission.refusal().text);
        String name = admission.host().get().name();
        log.info("Agent {} connected from {}", name, request.getConnectionMetaData().getRemoteSocketAddress());
        return new HubSession(this, name);
    }

    private Object refuse(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback, String why) {
        log.warn("Agent from {} refused: {}", request.getConnectionMetaData().getRemoteSocketAddress(), why);
        response.getHeaders().put(REFUSED_HEADER, why);
        Response.writeError(request, response, callback, 403, why);
        return null;
    }

    void hello(HubSession s, LinkMessage.Hello h) {
        if (h.intervalSeconds() > 0) intervals.put(s.host(), Duration.ofSeconds(h.intervalSeconds()));
        opened(s);
    }

    void notice(HubSession s, LinkMessage.Notice n) {
        try {
            noticeThread.execute(() -> {
                LinkMessage.Answer a;
                try {
                    a = notices.notice(s.host(), n);
                } catch (RuntimeException e) {
                    log.warn("Notice {} of {} failed", n.kind(), s.host(), e);
                    a = new LinkMessage.Answer(n.id(), null, "the hub failed: " + e.getClass().getSimpleName(), 0, false);
                }
                s.send(a);
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopping: the agent's wait times out and it tells again
        }
    }

    /** How often {@code host} said it reports (its hello), or null before its first hello since the hub started. */
    public Duration interval(String host) {
        return intervals.get(host);
    }

    void opened(HubSession s) {
        HubSession old = live.put(s.host(), s);
        if (old != null && old != s) old.close("replaced by a new connection of the same host");
        heard(s.host(), true, null, null);
    }

    void closed(HubSession s) {
        if (live.remove(s.host(), s)) {
            heard(s.host(), false, null, null);
            log.info("Agent {} disconnected", s.host());
        }
    }

    void heartbeat(HubSession s, LinkMessage.Heartbeat beat) {
        try {
            // forget works on a connected host too: its next beat finds it gone from the book (a small file, read only)
            if (!book.enrolled(s.host())) {
                s.close("this host was forgotten by the hub");
                return;
            }
        } catch (IOException e) {
            log.warn("{}", e.getMessage());
        }
        heard(s.host(), true, beat.verdict(), beat.headline());
    }

    private void heard(String host, boolean connected, String verdict, String headline) {
        Instant now = clock.instant();
        HostStatus before = heard.get(host);
        String v = verdict != null ? verdict : before == null ? null : before.verdict();
        String h = headline != null ? headline : before == null ? null : before.headline();
        heard.put(host, new HostStatus(host, connected, now, v, h));
        if (before == null || !before.lastSeen().plus(WRITE_SEEN_EVERY).isAfter(now) || !connected) {
            try {
                book.seen(host, now);
            } catch (IOException e) {
                log.warn("Cannot note when {} was last seen: {}", host, e.getMessage());
            }
        }
    }

    /** Ask a host's agent for a diagnosis; completes with its reply, or exceptionally if it is not connected. */
    public CompletableFuture<JsonNode> diagnose(String host, String view, Instant since, Duration timeout) {
        HubSession s = live.get(host);
        if (s == null) return CompletableFuture.failedFuture(new IOException(host + " is not connected"));
        return s.ask(id -> new LinkMessage.Diagnose(id, view, since), timeout);
    }

    /**
     * Ask a host's agent to run a step; completes with the outcome's JSON, or exceptionally if it is not connected
     * or did not answer in time (the step may still have run: the agent's audit log says).
     */
    public CompletableFuture<JsonNode> runStep(String host, String reference, String step, String user, Duration timeout) {
        HubSession s = live.get(host);
        if (s == null) return CompletableFuture.failedFuture(new IOException(host + " is not connected"));
        return s.ask(id -> new LinkMessage.RunStep(id, reference, step, user), timeout);
    }

    /** Tell a host's agent who is on its open incident; completes with true when the agent kept it. */
    public CompletableFuture<JsonNode> acknowledge(String host, String incident, String user, String reason, Duration timeout) {
        HubSession s = live.get(host);
        if (s == null) return CompletableFuture.failedFuture(new IOException(host + " is not connected"));
        return s.ask(id -> new LinkMessage.Acknowledge(id, incident, user, reason), timeout);
    }

    /** A host's maintenance window, asked of its agent; completes with the window's JSON (null: none). */
    public CompletableFuture<JsonNode> maintain(String host, LinkMessage.MaintainAction action, String user, Instant until,
                                                String reason, Duration timeout) {
        HubSession s = live.get(host);
        if (s == null) return CompletableFuture.failedFuture(new IOException(host + " is not connected"));
        return s.ask(id -> new LinkMessage.Maintain(id, action, user, until, reason), timeout);
    }

    /** Every enrolled host, by name. */
    public List<HostStatus> fleet() {
        List<HostStatus> out = new ArrayList<>();
        List<FleetBook.Host> enrolled;
        try {
            enrolled = book.hosts();
        } catch (IOException e) {
            log.warn("{}", e.getMessage());
            enrolled = List.of();
        }
        for (FleetBook.Host h : enrolled) {
            HostStatus s = heard.get(h.name());
            out.add(s != null ? s : new HostStatus(h.name(), false, h.lastSeen(), null, null));
        }
        out.sort(Comparator.comparing(HostStatus::name));
        return out;
    }

    public boolean connected(String host) {
        return live.containsKey(host);
    }

    @Override
    public void close() throws Exception {
        for (HubSession s : live.values()) s.close("the hub is stopping");
        noticeThread.shutdownNow();
        server.stop();
    }
}
