package dev.dockerdoctor.fleet.link;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dockerdoctor.fleet.LinkMessage;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.JettyUpgradeListener;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The agent's end of the link: dials the hub, says hello, sends a heartbeat every interval and answers the hub's
 * named requests; when the link drops (hub restarted, network gone) it dials again, after 1 s, 2 s, 4 s ... up to a
 * minute (with jitter, so a restarted hub is not hit by every agent in the same second), forever.
 */
public final class AgentLink implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AgentLink.class);
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration MAX_RETRY = Duration.ofMinutes(1);

    /** What the agent answers with; runs off the link's threads, one request at a time. */
    public interface Host {
        JsonNode diagnose(String view, Instant since) throws Exception;

        /** Runs a step the hub's user clicked, through this host's own gate; the outcome as the state keeps it. */
        JsonNode runStep(String reference, String step, String user) throws Exception;

        /** Someone in the channel is on this host's open incident; false when it is not open (any more). */
        boolean acknowledge(String incident, String user, String reason) throws Exception;

        /** The host's maintenance window as asked (null: none); refuses a start or end by anyone not its admin. */
        JsonNode maintain(LinkMessage.Maintain ask) throws Exception;

        LinkMessage.Heartbeat heartbeat();
    }

    /** Told when the link is up or refused, e.g. to keep the identity once an enrollment was taken. */
    public interface Events {
        default void connected() {
        }

        default void refused(String why) {
        }
    }

    private final URI uri;
    private final String name;
    private final Duration interval;
    private final Host host;
    private final Events events;
    private final WebSocketClient client;
    private final ExecutorService work = Executors.newSingleThreadExecutor(r -> daemon(r, "doctor-agent-work"));
    /** Steps wait for no diagnosis, and a step that restarts Docker for minutes holds up no diagnosis. */
    private final ExecutorService steps = Executors.newSingleThreadExecutor(r -> daemon(r, "doctor-agent-steps"));
    private final Map<String, CompletableFuture<LinkMessage.Answer>> told = new ConcurrentHashMap<>();
    private final Thread dialer;
    private final AtomicReference<String> enrollToken;
    private final AtomicReference<Session> session = new AtomicReference<>();
    private volatile boolean closed;
    private volatile String lastRefusal;

    private AgentLink(URI uri, String name, Duration interval, String enrollToken, Host host,
                      Events events, WebSocketClient client) {
        this.uri = uri;
        this.name = name;
        this.interval = interval;
        this.host = host;
        this.events = events;
        this.client = client;
        this.enrollToken = new AtomicReference<>(enrollToken);
        this.dialer = daemon(this::dialForever, "doctor-agent-link");
    }

    /**
     * @param hubUrl      {@code https://hub:3001} (or {@code wss://}); the path is the link's own
     * @param enrollToken the one-time token for the first connection, or null once enrolled
     */
    public static AgentLink start(String hubUrl, LinkKeys keys, String hubPin, String name, Duration interval,
                                  String enrollToken, Host host, Events events) throws Exception {
        SslContextFactory.Client tls = new SslContextFactory.Client();
        tls.setSslContext(LinkTls.agent(keys, hubPin));
        tls.setEndpointIdentificationAlgorithm(null); // the pin identifies the hub, whatever name or IP it is dialled by
        tls.setIncludeProtocols(LinkTls.PROTOCOL);
        ClientConnector connector = new ClientConnector();
        connector.setSslContextFactory(tls);
        QueuedThreadPool threads = new QueuedThreadPool(8, 1);
        threads.setName("doctor-agent-io");
        connector.setExecutor(threads);
        HttpClient http = new HttpClient(new HttpClientTransportOverHTTP(connector));
        http.setExecutor(threads);
        WebSocketClient ws = new WebSocketClient(http);
        ws.setMaxTextMessageSize(HubLink.MAX_MESSAGE);
        ws.setIdleTimeout(Duration.ofMinutes(5));
        ws.setConnectTimeout(10_000);
        ws.start();
        AgentLink link = new AgentLink(linkUri(hubUrl), name, interval, enrollToken, host, events, ws);
        link.dialer.start();
        return link;
    }

    /** Throws, saying why, when {@code hubUrl} is not a hub's address. */
    public static void checkUrl(String hubUrl) {
        linkUri(hubUrl);
    }

    static URI linkUri(String hubUrl) {
        URI u;
        try {
            u = URI.create(hubUrl.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the hub's URL must be https://HOST:PORT; '" + hubUrl + "' is not a URL");
        }
        if (u.getHost() == null) throw new IllegalArgumentException("the hub's URL must be https://HOST:PORT; '" + hubUrl + "' names no host");
        String scheme = switch (u.getScheme() == null ? "" : u.getScheme()) {
            case "https", "wss" -> "wss";
            default -> throw new IllegalArgumentException("the hub's URL must be https://HOST:PORT (the link is"
                    + " always TLS); '" + hubUrl + "' is not");
        };
        int port = u.getPort() < 0 ? 3001 : u.getPort();
        return URI.create(scheme + "://" + u.getHost() + ":" + port + HubLink.PATH);
    }

    public boolean connected() {
        Session s = session.get();
        return s != null && s.isOpen();
    }

    /**
     * Tells the hub of an incident change and waits for its answer, or fails at once when the link is down (the
     * caller keeps the change and tells it again later: nothing is queued here).
     */
    public CompletableFuture<LinkMessage.Answer> tell(Function<String, LinkMessage.Notice> notice, Duration timeout) {
        CompletableFuture<LinkMessage.Answer> f = new CompletableFuture<>();
        Session s = session.get();
        if (s == null || !s.isOpen()) {
            f.completeExceptionally(new java.io.IOException("not connected to the hub"));
            return f;
        }
        String id = UUID.randomUUID().toString();
        told.put(id, f);
        f.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((v, e) -> told.remove(id));
        s.sendText(LinkMessage.write(notice.apply(id)), Callback.from(() -> { }, f::completeExceptionally));
        return f;
    }

    /** Why the hub last refused this agent, or null. */
    public String lastRefusal() {
        return lastRefusal;
    }

    private void dialForever() {
        int failures = 0;
        while (!closed) {
            CountDownLatch down = new CountDownLatch(1);
            String[] refusal = new String[1];
            try {
                ClientUpgradeRequest req = new ClientUpgradeRequest();
                String token = enrollToken.get();
                if (token != null) req.setHeader(HubLink.ENROLL_HEADER, token);
                JettyUpgradeListener listen = new JettyUpgradeListener() {
                    @Override
                    public void onHandshakeResponse(org.eclipse.jetty.client.Request rq, org.eclipse.jetty.client.Response rs) {
                        refusal[0] = rs.getHeaders().get(HubLink.REFUSED_HEADER);
                    }
                };
                Session s = client.connect(new Endpoint(down), uri, req, listen).get(30, TimeUnit.SECONDS);
                session.set(s);
                enrollToken.set(null); // spent: a reconnect proves itself by its key alone
                lastRefusal = null;
                failures = 0;
                s.sendText(LinkMessage.write(new LinkMessage.Hello(name, interval.toSeconds())), Callback.NOOP);
                events.connected();
                log.info("Connected to the hub at {}", uri);
                beatUntilDown(s, down);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                String why = refusalOf(e, refusal[0]);
                if (why != null) {
                    lastRefusal = why;
                    events.refused(why);
                }
                log.warn("Cannot reach the hub at {}: {}", uri, why != null ? "refused: " + why : rootMessage(e));
            }
            session.set(null);
            if (closed) return;
            failures++;
            try {
                Thread.sleep(retryAfter(failures).toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void beatUntilDown(Session s, CountDownLatch down) throws InterruptedException {
        while (!closed && !down.await(interval.toMillis(), TimeUnit.MILLISECONDS)) {
            LinkMessage.Heartbeat beat;
            try {
                beat = host.heartbeat();
            } catch (RuntimeException e) {
                log.warn("No verdict for the heartbeat: {}", e.toString());
                beat = new LinkMessage.Heartbeat(null, null, Instant.now());
            }
            s.sendText(LinkMessage.write(beat), Callback.NOOP);
        }
    }

    static Duration retryAfter(int failures) {
        long base = FIRST_RETRY.toMillis() << Math.min(Math.max(failures - 1, 0), 6);
        long capped = Math.min(base, MAX_RETRY.toMillis());
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    /** The hub's reason when it refused the upgrade (403), else null: the hub was not reached or not answering. */
    private static String refusalOf(Throwable e, String said) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.eclipse.jetty.websocket.api.exceptions.UpgradeException u && u.getResponseStatusCode() == 403) {
                return said != null ? said : "the hub refused this agent";
            }
        }
        return null;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) t = t.getCause();
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** The agent side of one connection (public: Jetty calls its methods through method handles). */
    public final class Endpoint implements Session.Listener.AutoDemanding {
        private final CountDownLatch down;
        private volatile Session s;

        Endpoint(CountDownLatch down) {
            this.down = down;
        }

        @Override
        public void onWebSocketOpen(Session session) {
            this.s = session;
        }

        @Override
        public void onWebSocketText(String text) {
            LinkMessage.ToAgent m;
            try {
                m = LinkMessage.read(text, LinkMessage.ToAgent.class);
            } catch (LinkMessage.Refused e) {
                log.warn("The hub sent {}; not acted on", e.getMessage());
                return;
            }
            if (m instanceof LinkMessage.Answer a) {
                CompletableFuture<LinkMessage.Answer> f = a.id() == null ? null : told.remove(a.id());
                if (f != null) f.complete(a);
                return;
            }
            (m instanceof LinkMessage.RunStep ? steps : work).execute(() -> answer(m));
        }

        private void answer(LinkMessage.ToAgent m) {
            LinkMessage.Reply reply;
            if (m instanceof LinkMessage.Diagnose d) {
                try {
                    reply = new LinkMessage.Reply(d.id(), host.diagnose(d.view(), d.since()), null);
                } catch (Exception e) {
                    reply = new LinkMessage.Reply(d.id(), null, "the diagnosis failed: " + rootMessage(e));
                }
            } else if (m instanceof LinkMessage.RunStep r) {
                try {
                    reply = new LinkMessage.Reply(r.id(), host.runStep(r.reference(), r.step(), r.user()), null);
                } catch (Exception e) {
                    reply = new LinkMessage.Reply(r.id(), null, "the step could not be run: " + rootMessage(e));
                }
            } else if (m instanceof LinkMessage.Acknowledge a) {
                try {
                    reply = new LinkMessage.Reply(a.id(), com.fasterxml.jackson.databind.node.BooleanNode.valueOf(
                            host.acknowledge(a.incident(), a.user(), a.reason())), null);
                } catch (Exception e) {
                    reply = new LinkMessage.Reply(a.id(), null, "the acknowledgement could not be kept: " + rootMessage(e));
                }
            } else if (m instanceof LinkMessage.Maintain mt) {
                try {
                    reply = new LinkMessage.Reply(mt.id(), host.maintain(mt), null);
                } catch (Exception e) {
                    reply = new LinkMessage.Reply(mt.id(), null, "maintenance refused: " + rootMessage(e));
                }
            } else {
                reply = new LinkMessage.Reply(m.id(), null, "not a request this agent takes");
            }
            Session now = s;
            if (now != null && now.isOpen()) now.sendText(LinkMessage.write(reply), Callback.NOOP);
        }

        @Override
        public void onWebSocketClose(int status, String reason) {
            log.info("The link to the hub closed ({}{})", status, reason == null || reason.isEmpty() ? "" : ": " + reason);
            failTold();
            down.countDown();
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            log.debug("Link: {}", cause.toString());
            failTold();
            down.countDown();
        }
    }

    private void failTold() {
        java.io.IOException gone = new java.io.IOException("the link to the hub closed before it answered");
        told.values().forEach(f -> f.completeExceptionally(gone));
        told.clear();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void close() throws Exception {
        closed = true;
        dialer.interrupt();
        Session s = session.get();
        if (s != null) s.close();
        work.shutdownNow();
        steps.shutdownNow();
        client.stop();
    }
}
