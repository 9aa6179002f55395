package dev.dockerdoctor.testing.standin;

import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Slack's side of a Socket Mode connection: says hello when the app connects, sends envelopes the test hands it,
 * and records what the app sends back (acks, with or without a payload).
 */
public final class SocketModeStandIn extends WebSocketServer implements AutoCloseable {
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch opened = new CountDownLatch(1);
    private final List<String> received = new CopyOnWriteArrayList<>();
    private volatile WebSocket app;

    public SocketModeStandIn() throws InterruptedException {
        super(new InetSocketAddress("127.0.0.1", 0));
        setReuseAddr(true);
        setDaemon(true);
        start();
        if (!started.await(5, TimeUnit.SECONDS)) throw new IllegalStateException("WebSocket stand-in did not start");
    }

    public String url() {
        return "ws://127.0.0.1:" + getPort() + "/link/?ticket=test-ticket&app_id=A0APP";
    }

    public boolean awaitApp(Duration timeout) throws InterruptedException {
        return opened.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void send(String envelope) {
        app.send(envelope);
    }

    public Optional<String> await(Predicate<String> match, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            Optional<String> m = received.stream().filter(match).findFirst();
            if (m.isPresent()) return m;
            Thread.sleep(10);
        }
        return Optional.empty();
    }

    public List<String> received() {
        return List.copyOf(received);
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        app = conn;
        conn.send("{\"type\":\"hello\",\"num_connections\":1,\"debug_info\":{\"host\":\"applink-test\","
                + "\"approximate_connection_time\":18060},\"connection_info\":{\"app_id\":\"A0APP\"}}");
        opened.countDown();
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        received.add(message);
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    @Override
    public void close() throws InterruptedException {
        stop(1000);
    }
}
