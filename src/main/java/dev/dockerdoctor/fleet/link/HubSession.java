package dev.dockerdoctor.fleet.link;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dockerdoctor.fleet.LinkMessage;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** One agent's connection, seen from the hub: its messages in, the hub's requests out with their replies awaited. */
public final class HubSession implements Session.Listener.AutoDemanding {
    private static final Logger log = LoggerFactory.getLogger(HubSession.class);

    private final HubLink hub;
    private final String host;
    private final Map<String, CompletableFuture<JsonNode>> asked = new ConcurrentHashMap<>();
    private volatile Session session;
    private volatile boolean greeted;

    HubSession(HubLink hub, String host) {
        this.hub = hub;
        this.host = host;
    }

    String host() {
        return host;
    }

    @Override
    public void onWebSocketOpen(Session s) {
        this.session = s;
    }

    @Override
    public void onWebSocketText(String text) {
        LinkMessage.ToHub m;
        try {
            m = LinkMessage.read(text, LinkMessage.ToHub.class);
        } catch (LinkMessage.Refused e) {
            log.warn("Agent {} sent {}; ignored", host, e.getMessage());
            return;
        }
        if (!greeted && !(m instanceof LinkMessage.Hello)) {
            close("the first message must be hello");
            return;
        }
        if (m instanceof LinkMessage.Hello h) {
            if (!host.equals(h.host())) {
                // the certificate decides who an agent is; a hello naming another host is a misconfiguration
                log.warn("Agent enrolled as {} says it is '{}': it stays {}", host, h.host(), host);
            }
            greeted = true;
            hub.hello(this, h);
        } else if (m instanceof LinkMessage.Heartbeat b) {
            hub.heartbeat(this, b);
        } else if (m instanceof LinkMessage.Notice n) {
            hub.notice(this, n);
        } else if (m instanceof LinkMessage.Reply r) {
            CompletableFuture<JsonNode> f = r.id() == null ? null : asked.remove(r.id());
            if (f == null) log.debug("Agent {} answered {}, which nobody waits for any more", host, r.id());
            else if (r.error() != null) f.completeExceptionally(new IOException(host + ": " + r.error()));
            else f.complete(r.body());
        }
    }

    CompletableFuture<JsonNode> ask(Function<String, LinkMessage.ToAgent> request, Duration timeout) {
        String id = UUID.randomUUID().toString();
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        asked.put(id, f);
        f.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((v, e) -> asked.remove(id));
        Session s = session;
        if (s == null || !s.isOpen()) {
            f.completeExceptionally(new IOException(host + " is not connected"));
            return f;
        }
        s.sendText(LinkMessage.write(request.apply(id)), Callback.from(() -> { }, f::completeExceptionally));
        return f;
    }

    void send(LinkMessage.ToAgent m) {
        Session s = session;
        if (s != null && s.isOpen()) s.sendText(LinkMessage.write(m), Callback.NOOP);
    }

    @Override
    public void onWebSocketClose(int status, String reason) {
        IOException gone = new IOException(host + " disconnected" + (reason == null || reason.isEmpty() ? "" : ": " + reason));
        asked.values().forEach(f -> f.completeExceptionally(gone));
        asked.clear();
        hub.closed(this);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        log.debug("Link to {}: {}", host, cause.toString());
    }

    void close(String why) {
        Session s = session;
        if (s != null) s.close(StatusCode.NORMAL, why, Callback.NOOP);
    }
}
