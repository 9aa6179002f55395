package dev.dockerdoctor.testing;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A unix-socket HTTP/1.1 server that answers like a Docker daemon from a script: fixed JSON per path, or no answer
 * at all for the paths told to hang. For what a real daemon will not do on demand (hang on one endpoint, speak
 * like Docker 29 and refuse old API versions).
 */
public final class ScriptedUnixDaemon implements AutoCloseable {
    /** One canned answer. */
    public record Answer(int status, String json) {
    }

    private static final Answer HANG = new Answer(-1, "");
    private final Path socket;
    private final ServerSocketChannel server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<SocketChannel> clients = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile String minVersion;
    private volatile long delayMillis;
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger maxInFlight = new java.util.concurrent.atomic.AtomicInteger();

    public ScriptedUnixDaemon(Path socket) throws IOException {
        this.socket = socket;
        Files.deleteIfExists(socket);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Thread t = new Thread(this::acceptLoop, "scripted-daemon");
        t.setDaemon(true);
        t.start();
    }

    public String host() { return "unix://" + socket; }

    /** Answer this path (query string ignored) with this status and JSON body. */
    public ScriptedUnixDaemon answer(String path, int status, String json) {
        answers.put(path, new Answer(status, json));
        return this;
    }

    /** Read requests for this path and never answer them. */
    public ScriptedUnixDaemon hang(String path) {
        answers.put(path, HANG);
        return this;
    }

    /** Refuse versioned paths below this API version with Docker 29's HTTP 400 message. */
    public ScriptedUnixDaemon minimumApiVersion(String version) {
        this.minVersion = version;
        return this;
    }

    /** Wait this long before every answer, like a busy daemon (connections are served in parallel). */
    public ScriptedUnixDaemon delay(java.time.Duration d) {
        this.delayMillis = d.toMillis();
        return this;
    }

    /** The most requests this server was answering at one moment. */
    public int maxInFlight() { return maxInFlight.get(); }

    /** Request lines seen ({@code GET /info HTTP/1.1}). */
    public List<String> requests() { return List.copyOf(requests); }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel c = server.accept();
                clients.add(c);
                Thread t = new Thread(() -> serve(c), "scripted-daemon-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(SocketChannel c) {
        StringBuilder pending = new StringBuilder();
        ByteBuffer buf = ByteBuffer.allocate(8192);
        try {
            while (c.read(buf) >= 0) {
                pending.append(new String(buf.array(), 0, buf.position(), StandardCharsets.ISO_8859_1));
                buf.clear();
                int end;
                while ((end = pending.indexOf("\r\n\r\n")) >= 0) { // GETs carry no body
                    String head = pending.substring(0, end);
                    pending.delete(0, end + 4);
                    String line = head.lines().findFirst().orElse("");
                    requests.add(line);
                    Answer a = answerFor(line);
                    if (a == HANG) continue;
                    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    try {
                        if (delayMillis > 0) Procs.sleep(delayMillis);
                        byte[] body = a.json().getBytes(StandardCharsets.UTF_8);
                        String res = "HTTP/1.1 " + a.status() + " X\r\nContent-Type: application/json\r\nContent-Length: "
                                + body.length + "\r\nApi-Version: 1.52\r\n\r\n";
                        ByteBuffer out = ByteBuffer.wrap((res + a.json()).getBytes(StandardCharsets.UTF_8));
                        while (out.hasRemaining()) c.write(out);
                    } finally {
                        inFlight.decrementAndGet();
                    }
                }
            }
        } catch (IOException e) {
            // client went away
        }
    }

    private Answer answerFor(String requestLine) {
        String[] parts = requestLine.split(" ");
        String target = parts.length > 1 ? parts[1] : "/";
        String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
        if (path.matches("/v\\d+\\.\\d+/.*")) {
            String version = path.substring(2, path.indexOf('/', 1));
            if (minVersion != null && compare(version, minVersion) < 0) {
                return new Answer(400, "{\"message\":\"client version " + version + " is too old. Minimum supported API version is "
                        + minVersion + ", please upgrade your client to a newer version\"}");
            }
            path = path.substring(path.indexOf('/', 1));
        }
        return answers.getOrDefault(path, new Answer(404, "{\"message\":\"page not found\"}"));
    }

    private static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        int major = Integer.compare(Integer.parseInt(x[0]), Integer.parseInt(y[0]));
        return major != 0 ? major : Integer.compare(Integer.parseInt(x[1]), Integer.parseInt(y[1]));
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (SocketChannel c : clients) c.close();
        Files.deleteIfExists(socket);
    }
}
