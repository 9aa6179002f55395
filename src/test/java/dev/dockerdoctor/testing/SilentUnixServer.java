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
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A unix socket that accepts connections and reads requests but never answers: a daemon that is hung. It keeps the
 * request lines it saw ({@code GET /info HTTP/1.1}) so tests can check what a client asked for.
 */
public final class SilentUnixServer implements AutoCloseable {
    private final Path socket;
    private final ServerSocketChannel server;
    private final List<SocketChannel> clients = new CopyOnWriteArrayList<>();
    private final List<String> requestLines = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    public SilentUnixServer(Path socket) throws IOException {
        this.socket = socket;
        Files.deleteIfExists(socket);
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        this.acceptor = new Thread(this::acceptLoop, "silent-unix-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public Path socket() { return socket; }

    public String host() { return "unix://" + socket; }

    /** The first line of every request received so far. */
    public List<String> requestLines() { return List.copyOf(requestLines); }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel c = server.accept();
                clients.add(c);
                Thread reader = new Thread(() -> readForever(c), "silent-unix-reader");
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void readForever(SocketChannel c) {
        ByteBuffer buf = ByteBuffer.allocate(16384);
        StringBuilder head = new StringBuilder();
        boolean recorded = false;
        try {
            while (c.read(buf) >= 0) {
                if (!recorded) {
                    head.append(new String(buf.array(), 0, buf.position(), StandardCharsets.ISO_8859_1));
                    int eol = head.indexOf("\r\n");
                    if (eol >= 0) {
                        requestLines.add(head.substring(0, eol));
                        recorded = true;
                    }
                }
                buf.clear();
            }
        } catch (IOException e) {
            // client or server closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (SocketChannel c : clients) c.close();
        Files.deleteIfExists(socket);
    }
}
