package dev.dockerdoctor.app;

import com.slack.api.bolt.App;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Socket Mode connection to Slack, made on a thread of its own and tried again with backoff until it holds:
 * a host that boots before its network (or a Slack hiccup) must not keep the bot, and /healthz, from starting.
 * Once connected, the SDK's client reconnects by itself. Uses the Java-WebSocket backend (connects in ~0.1 s).
 */
final class SocketModeLink implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SocketModeLink.class);

    private final String appToken;
    private final App app;
    private final Thread thread;
    private volatile SocketModeApp socketApp;
    private volatile String state = "connecting";
    private volatile boolean closed;

    SocketModeLink(String appToken, App app) {
        this.appToken = appToken;
        this.app = app;
        this.thread = new Thread(this::connect, "doctor-socket-mode");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    String state() {
        return state;
    }

    private void connect() {
        long backoffMs = 1000;
        while (!closed) {
            SocketModeApp candidate = null;
            try {
                candidate = new SocketModeApp(appToken, SocketModeClient.Backend.JavaWebSocket, app);
                candidate.startAsync();
                socketApp = candidate;
                state = "connected";
                log.info("Connected to Slack in Socket Mode");
                return;
            } catch (Exception e) {
                // the SDK's messages can quote the request; the class is enough to act on
                log.warn("Socket Mode connection failed ({}); trying again in {} s", e.getClass().getSimpleName(), backoffMs / 1000);
                state = "retrying";
                closeQuietly(candidate);
                try {
                    Thread.sleep(backoffMs);
                } catch (InterruptedException ie) {
                    return;
                }
                backoffMs = Math.min(backoffMs * 2, 60_000);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        closeQuietly(socketApp);
        state = "closed";
    }

    private static void closeQuietly(SocketModeApp a) {
        if (a == null) return;
        try {
            a.close();
        } catch (Exception e) {
            log.debug("Closing Socket Mode", e);
        }
    }
}
