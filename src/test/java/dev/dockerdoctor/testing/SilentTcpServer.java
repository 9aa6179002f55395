package dev.dockerdoctor.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Accepts connections on 127.0.0.1 and never says a word (a service that hangs), or says the same bytes to everyone
 * at once and hangs up (plain HTTP where TLS was expected).
 */
public final class SilentTcpServer implements AutoCloseable {
    private final ServerSocket socket;
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    public SilentTcpServer() {
        this(null);
    }

    public SilentTcpServer(byte[] reply) {
        try {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread t = new Thread(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket s = socket.accept();
                    held.add(s);
                    if (reply != null) {
                        s.getOutputStream().write(reply);
                        s.getOutputStream().flush();
                        s.close();
                    }
                } catch (IOException e) {
                    return;
                }
            }
        }, "silent-tcp");
        t.setDaemon(true);
        t.start();
    }

    public int port() { return socket.getLocalPort(); }

    public int accepted() { return held.size(); }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket s : held) s.close();
    }

    /** A port nothing listens on (bound, then closed again). */
    public static int closedPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
