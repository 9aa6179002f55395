package dev.dockerdoctor.slack;

import dev.dockerdoctor.store.AtomicFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Remembers the request keys of the last five minutes (Slack's own replay window), so a Slack retry or a replayed
 * request (same trigger, same body) is acked but not worked on twice. Bounded: a flood of requests cannot grow it.
 * With a file, what it remembers survives a restart of the bot: a click replayed after the restart is a repeat
 * too. The file holds only hashes of the keys, written atomically where the owner says (the bot: off the listener's
 * thread, which must ack at once) and by {@link #keep()} before a step runs; one that cannot be read is started afresh.
 */
public final class OnceOnly {
    /** Slack refuses to sign anything older; a replay inside it is what this guards against. */
    static final Duration WINDOW = Duration.ofMinutes(5);
    private static final Logger log = LoggerFactory.getLogger(OnceOnly.class);

    private final Map<String, Instant> seen;
    private final Path file;
    private final Clock clock;
    /** Where the file is written after a new key, one write for a burst. */
    private final Executor writer;
    private final AtomicBoolean writeQueued = new AtomicBoolean();
    private final Object writing = new Object();
    private boolean dirty;

    public OnceOnly(int capacity) {
        this(capacity, null, Clock.systemUTC());
    }

    /** @param file where the keys of the last five minutes are kept across restarts (written at once), or null */
    public OnceOnly(int capacity, Path file, Clock clock) {
        this(capacity, file, clock, Runnable::run);
    }

    /** @param writes where the file is written after a new key (the caller's thread, or another) */
    public OnceOnly(int capacity, Path file, Clock clock, Executor writes) {
        this.seen = Bounded.newest(capacity);
        this.file = file;
        this.clock = clock;
        this.writer = writes;
        if (file != null) load();
    }

    /** True the first time a key is seen, false for every repeat while it is remembered. Hashes it: any length. */
    public synchronized boolean first(String key) {
        Instant now = clock.instant();
        seen.values().removeIf(t -> t.isBefore(now.minus(WINDOW)));
        String h = hash(key);
        if (seen.containsKey(h)) return false;
        seen.put(h, now);
        dirty = true;
        if (file != null && writeQueued.compareAndSet(false, true)) {
            try {
                writer.execute(() -> {
                    writeQueued.set(false);
                    keep();
                });
            } catch (RejectedExecutionException e) {
                writeQueued.set(false); // the owner is closing: keep() writes what is left if asked
            }
        }
        return true;
    }

    /** Writes what is remembered, when something is new since the last write; a no-op without a file. */
    public void keep() {
        if (file == null) return;
        synchronized (writing) {
            StringBuilder b = new StringBuilder();
            synchronized (this) {
                if (!dirty) return;
                dirty = false;
                seen.forEach((k, t) -> b.append(k).append(' ').append(t).append('\n'));
            }
            try {
                Files.createDirectories(file.getParent());
                AtomicFile.write(file, b.toString().getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                log.warn("Could not keep the seen requests in {} ({}); a replay after a restart would not be known", file, e.toString());
            }
        }
    }

    private void load() {
        if (!Files.isRegularFile(file)) return;
        try {
            Instant oldest = clock.instant().minus(WINDOW);
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] kv = line.split(" ", 2);
                if (kv.length != 2 || kv[0].length() != 64) continue;
                Instant t = Instant.parse(kv[1]);
                if (!t.isBefore(oldest)) seen.put(kv[0], t);
            }
        } catch (IOException | RuntimeException e) {
            log.warn("{} could not be read ({}); repeats are remembered afresh from now", file, e.getClass().getSimpleName());
            seen.clear();
        }
    }

    private static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
