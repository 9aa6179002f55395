package dev.dockerdoctor.recovery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code audit.jsonl} in the state folder: one JSON line per step run or refused, appended and synced before the
 * caller is told. Never holds secrets: steps carry none.
 */
public final class AuditLog {
    public static final String FILE = "audit.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    public AuditLog(Path stateDir) {
        this.file = stateDir.resolve(FILE);
    }

    public Path file() { return file; }

    /** One audit record. {@code actions} are the argv lists run and the file changes made, as text. */
    public record Entry(Instant time, String user, String incident, String step, List<String> actions,
                        Integer exitStatus, Duration duration, String result) {
    }

    public synchronized void append(Entry e) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("time", e.time().toString());
        n.put("user", e.user());
        n.put("incident", e.incident());
        n.put("step", e.step());
        ArrayNode a = n.putArray("actions");
        e.actions().forEach(a::add);
        n.put("exitStatus", e.exitStatus());
        n.put("durationMillis", e.duration() == null ? null : e.duration().toMillis());
        n.put("result", e.result());
        Files.createDirectories(file.getParent());
        byte[] line = (JSON.writeValueAsString(n) + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ch.write(java.nio.ByteBuffer.wrap(line));
            ch.force(true);
        }
    }
}
