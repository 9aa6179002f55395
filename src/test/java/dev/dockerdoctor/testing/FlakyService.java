package dev.dockerdoctor.testing;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for GitLab on 127.0.0.1 that the test breaks on purpose: answer with a status, hang (accept, read the
 * request, never answer), or refuse (the port closed), and come back on the same port.
 */
public final class FlakyService implements AutoCloseable {
    private final int port;
    private final ExecutorService handlers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "flaky-service");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger requests = new AtomicInteger();
    private volatile int status = 200;
    private volatile CountDownLatch hang;
    private HttpServer server;

    private FlakyService() {
        this.server = bind(0);
        this.port = server.getAddress().getPort();
    }

    public static FlakyService start() {
        return new FlakyService();
    }

    private HttpServer bind(int on) {
        HttpServer s;
        try {
            s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), on), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        s.setExecutor(handlers);
        s.createContext("/", ex -> {
            requests.incrementAndGet();
            CountDownLatch h = hang;
            try (ex) {
                if (h != null) {
                    h.await(60, TimeUnit.SECONDS); // the client gives up long before
                    return;
                }
                ex.getResponseHeaders().add("Location", "/users/sign_in");
                ex.sendResponseHeaders(status, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        s.start();
        return s;
    }

    public URI uri() { return URI.create("http://127.0.0.1:" + port + "/"); }

    public int port() { return port; }

    public int requests() { return requests.get(); }

    public synchronized void answer(int code) {
        release();
        status = code;
        if (server == null) server = bind(port);
    }

    public synchronized void hang() {
        if (server == null) server = bind(port);
        hang = new CountDownLatch(1);
    }

    /** Closes the port: connections are refused. */
    public synchronized void refuse() {
        release();
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    private void release() {
        CountDownLatch h = hang;
        hang = null;
        if (h != null) h.countDown();
    }

    @Override
    public synchronized void close() {
        refuse();
        handlers.shutdownNow();
    }
}
