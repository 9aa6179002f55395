package dev.dockerdoctor.fleet;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dockerdoctor.store.AtomicFile;
import dev.dockerdoctor.store.StateJson;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The hub's book of its fleet, {@code <state>/fleet/fleet.json}: each enrolled host with the fingerprint of the
 * certificate its agent made, and the enrollments not yet spent (only a hash of each token's secret). {@code enroll}
 * and {@code forget} run beside a running hub, so every change re-reads the file under a lock and writes it
 * atomically; nothing is cached between calls. A file that cannot be read is never written over.
 */
public final class FleetBook {
    public static final Duration TOKEN_LIFE = Duration.ofHours(1);
    private static final ObjectMapper JSON = StateJson.MAPPER;

    /** An enrolled host. {@code lastSeen} is null until its agent first connects. */
    public record Host(String name, String fingerprint, Instant enrolled, Instant lastSeen) {
        Host seen(Instant at) {
            return new Host(name, fingerprint, enrolled, at);
        }
    }

    record Pending(String name, String secretSha256, Instant expires) {
    }

    record Book(List<Host> hosts, List<Pending> pending) {
        Book {
            hosts = hosts == null ? List.of() : List.copyOf(hosts);
            pending = pending == null ? List.of() : List.copyOf(pending);
        }
    }

    /** Why an agent's connection was not let in; said to the agent and logged, never with the token. */
    public enum Refusal {
        UNKNOWN_TOKEN("the enrollment token is unknown here: it was made up, already used, or made by another hub"),
        EXPIRED_TOKEN("the enrollment token has expired (they last an hour): run enroll again"),
        NAME_TAKEN("that host name is already enrolled with another key: forget it first to enroll it again"),
        UNKNOWN_KEY("this agent's key is not enrolled (or was forgotten): enroll it with a new token");

        public final String text;

        Refusal(String text) {
            this.text = text;
        }
    }

    /** The host let in, or why not. */
    public record Admission(Optional<Host> host, Refusal refusal) {
        static Admission in(Host h) {
            return new Admission(Optional.of(h), null);
        }

        static Admission refused(Refusal r) {
            return new Admission(Optional.empty(), r);
        }
    }

    private final Path file;
    private final Path lock;

    /** Where everything of the fleet lives in a state folder: this book, and each side's keys. */
    public static Path dir(Path stateDir) {
        return stateDir.resolve("fleet");
    }

    public FleetBook(Path stateDir) {
        Path dir = dir(stateDir);
        this.file = dir.resolve("fleet.json");
        this.lock = dir.resolve(".lock");
    }

    public Path file() {
        return file;
    }

    /** A one-time token for {@code name}, valid for an hour. Refused while the name is enrolled. */
    public EnrollToken issue(String name, String hubPin, Instant now) throws IOException {
        if (!HostName.valid(name)) throw new IllegalArgumentException(HostName.problem(name));
        EnrollToken token = EnrollToken.fresh(name, hubPin);
        change(b -> {
            if (find(b, name).isPresent()) throw new IllegalArgumentException("'" + name + "' is already enrolled;"
                    + " run forget " + name + " first to enroll it again");
            List<Pending> pending = new ArrayList<>(live(b.pending(), now));
            pending.removeIf(p -> p.name().equals(name)); // the newest token for a name is the one that counts
            pending.add(new Pending(name, sha256(token.secret()), now.plus(TOKEN_LIFE)));
            return new Book(b.hosts(), pending);
        });
        return token;
    }

    /** An agent's first connection: the token is spent whatever happens next, and the key is bound to the name. */
    public Admission redeem(EnrollToken token, String fingerprint, Instant now) throws IOException {
        Admission[] out = new Admission[1];
        change(b -> {
            String hash = sha256(token.secret());
            Optional<Pending> match = b.pending().stream()
                    .filter(p -> p.name().equals(token.name())
                            && MessageDigest.isEqual(p.secretSha256().getBytes(StandardCharsets.US_ASCII),
                            hash.getBytes(StandardCharsets.US_ASCII)))
                    .findFirst();
            if (match.isEmpty()) {
                out[0] = Admission.refused(Refusal.UNKNOWN_TOKEN);
                return b;
            }
            List<Pending> pending = new ArrayList<>(b.pending());
            pending.remove(match.get());
            if (!match.get().expires().isAfter(now)) {
                out[0] = Admission.refused(Refusal.EXPIRED_TOKEN);
                return new Book(b.hosts(), pending);
            }
            Optional<Host> existing = find(b, token.name());
            if (existing.isPresent() && !existing.get().fingerprint().equals(fingerprint)) {
                out[0] = Admission.refused(Refusal.NAME_TAKEN);
                return new Book(b.hosts(), pending);
            }
            if (byKey(b, fingerprint).filter(h -> !h.name().equals(token.name())).isPresent()) {
                out[0] = Admission.refused(Refusal.NAME_TAKEN); // one key, one host: a key cannot hold two names
                return new Book(b.hosts(), pending);
            }
            Host h = existing.orElse(new Host(token.name(), fingerprint, now, null)).seen(now);
            List<Host> hosts = new ArrayList<>(b.hosts());
            hosts.removeIf(x -> x.name().equals(h.name()));
            hosts.add(h);
            out[0] = Admission.in(h);
            return new Book(hosts, pending);
        });
        return out[0];
    }

    /** A returning agent, known by its certificate's fingerprint alone. */
    public Admission admit(String fingerprint) throws IOException {
        return byKey(read(), fingerprint).map(Admission::in).orElse(Admission.refused(Refusal.UNKNOWN_KEY));
    }

    public void seen(String name, Instant at) throws IOException {
        change(b -> {
            List<Host> hosts = new ArrayList<>();
            for (Host h : b.hosts()) hosts.add(h.name().equals(name) ? h.seen(at) : h);
            return new Book(hosts, b.pending());
        });
    }

    /** @return whether the name was enrolled (or pending) */
    public boolean forget(String name) throws IOException {
        boolean[] found = new boolean[1];
        change(b -> {
            List<Host> hosts = new ArrayList<>(b.hosts());
            List<Pending> pending = new ArrayList<>(b.pending());
            found[0] = hosts.removeIf(h -> h.name().equals(name)) | pending.removeIf(p -> p.name().equals(name));
            return new Book(hosts, pending);
        });
        return found[0];
    }

    /** Names with a token not yet spent, and until when it is valid. */
    public java.util.Map<String, Instant> pending(Instant now) throws IOException {
        java.util.Map<String, Instant> out = new java.util.TreeMap<>();
        for (Pending p : live(read().pending(), now)) out.put(p.name(), p.expires());
        return out;
    }

    public boolean enrolled(String name) throws IOException {
        return find(read(), name).isPresent();
    }

    public List<Host> hosts() throws IOException {
        return read().hosts();
    }

    private interface Change {
        Book apply(Book b) throws IOException;
    }

    private synchronized void change(Change c) throws IOException {
        Files.createDirectories(file.getParent());
        try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = ch.lock()) {
            Book before = read();
            Book after = c.apply(before);
            if (!after.equals(before)) AtomicFile.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(after));
        }
    }

    private Book read() throws IOException {
        if (!Files.exists(file)) return new Book(List.of(), List.of());
        if (!Files.isRegularFile(file)) throw new IOException(file + " is not a regular file");
        if (Files.size(file) > 16 << 20) throw new IOException(file + " is over 16 MiB: not a fleet book");
        try {
            return JSON.readValue(file.toFile(), Book.class);
        } catch (IOException e) {
            throw new IOException(file + " cannot be read (" + e.getClass().getSimpleName()
                    + "); it is left as it is: fix or move it", e);
        }
    }

    private static List<Pending> live(List<Pending> pending, Instant now) {
        return pending.stream().filter(p -> p.expires().isAfter(now)).toList();
    }

    private static Optional<Host> find(Book b, String name) {
        return b.hosts().stream().filter(h -> h.name().equals(name)).findFirst();
    }

    private static Optional<Host> byKey(Book b, String fingerprint) {
        return b.hosts().stream().filter(h -> h.fingerprint().equals(fingerprint)).findFirst();
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
