package dev.dockerdoctor.recovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code audit.jsonl} in the state folder: one JSON line per step click (shown, refused, started, ended), appended
 * whole and synced before the caller goes on; a step whose start cannot be written does not run. Never holds
 * secrets: steps carry none.
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
        // one writer (this lock: serve shares one AuditLog between its steps and acknowledgements), writing at the end
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            // a run killed half-way through its line left it without an end: close it, so this entry reads whole
            if (ch.size() > 0 && !endsWithNewline(ch)) writeFully(ch, new byte[]{'\n'});
            writeFully(ch, line);
            ch.force(true);
        }
    }

    /** How much of the log's end {@link #lastRun} reads: hundreds of entries, never the whole history. */
    static final int TAIL_BYTES = 256 * 1024;

    /**
     * The last {@code n} steps that ran (result done or failed), newest first, from the end of the log (its last
     * {@link #TAIL_BYTES}). An unreadable, odd or missing file gives none; a torn or foreign line is skipped.
     */
    public List<Entry> lastRun(int n) {
        List<Entry> ran = new ArrayList<>();
        for (Entry e : tailNewestFirst()) {
            if (ran.size() >= n) break;
            if (e.result().startsWith("done") || e.result().startsWith("failed")) ran.add(e);
        }
        return ran;
    }

    /** What was done about one incident (steps that ran, acknowledgements), oldest first, from the end of the log. */
    public List<Entry> about(String incident) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : tailNewestFirst()) {
            if (!incident.equals(e.incident())) continue;
            String r = e.result();
            if (r.startsWith("done") || r.startsWith("failed") || r.equals("acknowledged")) out.add(e);
        }
        Collections.reverse(out);
        return out;
    }

    private List<Entry> tailNewestFirst() {
        List<Entry> ran = new ArrayList<>();
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) return ran;
        String tail;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long from = Math.max(0, ch.size() - TAIL_BYTES);
            ByteBuffer buf = ByteBuffer.allocate((int) (ch.size() - from));
            while (buf.hasRemaining() && ch.read(buf, from + buf.position()) > 0) {
                // read on
            }
            tail = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
            if (from > 0) tail = tail.substring(tail.indexOf('\n') + 1); // the first line may be cut
        } catch (IOException e) {
            return ran;
        }
        List<String> lines = new ArrayList<>(tail.lines().toList());
        Collections.reverse(lines);
        for (String line : lines) {
            try {
                JsonNode j = JSON.readTree(line);
                String result = j.path("result").asText("");
                List<String> actions = new ArrayList<>();
                j.path("actions").forEach(a -> actions.add(a.asText()));
                ran.add(new Entry(Instant.parse(j.path("time").asText()), j.path("user").asText(null),
                        j.path("incident").asText(null), j.path("step").asText(null), actions,
                        j.path("exitStatus").isNumber() ? j.path("exitStatus").asInt() : null,
                        j.path("durationMillis").isNumber() ? Duration.ofMillis(j.path("durationMillis").asLong()) : null, result));
            } catch (IOException | RuntimeException e) {
                // a torn last line, or not ours: skipped
            }
        }
        return ran;
    }

    private static boolean endsWithNewline(FileChannel ch) throws IOException {
        ByteBuffer last = ByteBuffer.allocate(1);
        ch.read(last, ch.size() - 1);
        return last.get(0) == '\n';
    }

    private static void writeFully(FileChannel ch, byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        long at = ch.size();
        while (b.hasRemaining()) {
            int n = ch.write(b, at);
            if (n == 0) throw new IOException("the disk took no more of the audit line");
            at += n;
        }
    }
}
