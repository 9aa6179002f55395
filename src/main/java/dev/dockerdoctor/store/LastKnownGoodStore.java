package dev.dockerdoctor.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dockerdoctor.model.LastKnownGood;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code last-known-good.json} in the state folder: what a healthy run saw. Written atomically; a corrupt file is
 * reported and treated as absent (it is only a memory, and the next healthy run writes it again).
 */
public final class LastKnownGoodStore {
    public static final String FILE = "last-known-good.json";
    private static final ObjectMapper JSON = StateJson.MAPPER;

    private final Path file;

    public LastKnownGoodStore(Path stateDir) {
        this.file = stateDir.resolve(FILE);
    }

    /** The stored state; empty when there is none or it cannot be read (then {@code problem} says why). */
    public record Loaded(Optional<LastKnownGood> value, String problem) {
    }

    public Loaded load() {
        if (!Files.exists(file)) return new Loaded(Optional.empty(), null);
        try {
            return new Loaded(Optional.of(JSON.readValue(file.toFile(), LastKnownGood.class)), null);
        } catch (IOException e) {
            return new Loaded(Optional.empty(), file + " cannot be read (" + e.getClass().getSimpleName() + "); ignoring it");
        }
    }

    public void save(LastKnownGood good) throws IOException {
        AtomicFile.write(file, JSON.writeValueAsBytes(good));
    }
}
