package dev.dockerdoctor.watch;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dockerdoctor.store.AtomicFile;
import dev.dockerdoctor.store.StateJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * {@code incidents.json} in the state folder (DOCTOR_STATE_DIR): the open incident with its thread, the recently
 * resolved ones, the Docker baseline and the maintenance window (the one under way, or the last). Written atomically after every change, so a restarted bot continues the
 * same incident in the same thread. A file that cannot be read is moved aside ({@code incidents.json.corrupt-<stamp>})
 * and reported; the bot starts afresh rather than not at all.
 */
public final class IncidentStore {
    public static final String FILE = "incidents.json";
    static final int VERSION = 1;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = StateJson.MAPPER;

    private final Path file;

    public IncidentStore(Path stateDir) {
        this.file = stateDir.resolve(FILE);
    }

    public Path file() { return file; }

    /** Everything kept. */
    public record Stored(int version, List<Incident> incidents, DockerBaseline dockerBaseline, Maintenance maintenance) {
        public Stored {
            incidents = incidents == null ? List.of() : List.copyOf(incidents);
        }

        public Stored(int version, List<Incident> incidents, DockerBaseline dockerBaseline) {
            this(version, incidents, dockerBaseline, null);
        }

        public static final Stored EMPTY = new Stored(VERSION, List.of(), null, null);
    }

    /** What was read, and what went wrong reading it (null when nothing did). */
    public record Loaded(Stored stored, String problem) {
    }

    public Loaded load(Instant now) {
        if (!Files.exists(file)) return new Loaded(Stored.EMPTY, null);
        try {
            Stored s = JSON.readValue(file.toFile(), Stored.class);
            if (s == null) throw new IOException("empty document");
            return new Loaded(s, null);
        } catch (IOException | RuntimeException e) {
            Path aside = file.resolveSibling(FILE + ".corrupt-" + STAMP.format(now));
            String why = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage()));
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
                return new Loaded(Stored.EMPTY, file + " could not be read (" + why + "); moved it to " + aside
                        + " and started without incidents");
            } catch (IOException moveFailed) {
                return new Loaded(Stored.EMPTY, file + " could not be read (" + why + ") nor moved aside ("
                        + moveFailed.getMessage() + "); starting without incidents");
            }
        }
    }

    public void save(Stored s) throws IOException {
        AtomicFile.write(file, JSON.writeValueAsBytes(s));
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
