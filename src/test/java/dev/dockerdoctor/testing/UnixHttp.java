package dev.dockerdoctor.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A minimal HTTP/1.0 GET (and POST) over a unix socket, independent of the code under test: the rig uses it to see that a
 * daemon answers and tests use it to read {@code /info} the plain way. HTTP/1.0 means the daemon closes after
 * one response, so there is no chunking to decode.
 */
public final class UnixHttp {
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "unix-http-watchdog");
        t.setDaemon(true);
        return t;
    });

    private UnixHttp() {
    }

    public record Response(int status, String body) {
    }

    /** The response, or empty when nothing answered in time (no socket, refused, closed, timed out). */
    public static Optional<Response> get(Path socket, String path, Duration timeout) {
        return exchange(socket, "GET " + path + " HTTP/1.0\r\nHost: docker\r\n\r\n", timeout);
    }

    /** A POST with a JSON body, e.g. {@code /containers/create?name=x}: quicker than a docker CLI run per call. */
    public static Optional<Response> post(Path socket, String path, String json, Duration timeout) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return exchange(socket, "POST " + path + " HTTP/1.0\r\nHost: docker\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length + "\r\n\r\n" + json, timeout);
    }

    private static Optional<Response> exchange(Path socket, String request, Duration timeout) {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            // closing the channel from another thread wakes a blocked read: that is the time limit
            ScheduledFuture<?> alarm = WATCHDOG.schedule(() -> closeQuietly(ch), timeout.toMillis(), TimeUnit.MILLISECONDS);
            try {
                ch.connect(UnixDomainSocketAddress.of(socket));
                ByteBuffer out = ByteBuffer.wrap(request.getBytes(StandardCharsets.UTF_8));
                while (out.hasRemaining()) ch.write(out);
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                ByteBuffer buf = ByteBuffer.allocate(8192);
                while (ch.read(buf) >= 0) {
                    all.write(buf.array(), 0, buf.position());
                    buf.clear();
                }
                return parse(all.toString(StandardCharsets.UTF_8));
            } finally {
                alarm.cancel(false);
            }
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public static boolean ping(Path socket, Duration timeout) {
        return get(socket, "/_ping", timeout).map(r -> r.status() == 200).orElse(false);
    }

    private static Optional<Response> parse(String raw) {
        int headEnd = raw.indexOf("\r\n\r\n");
        if (!raw.startsWith("HTTP/") || headEnd < 0) return Optional.empty();
        String[] statusLine = raw.substring(0, raw.indexOf("\r\n")).split(" ");
        if (statusLine.length < 2) return Optional.empty();
        try {
            return Optional.of(new Response(Integer.parseInt(statusLine[1]), raw.substring(headEnd + 4)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
