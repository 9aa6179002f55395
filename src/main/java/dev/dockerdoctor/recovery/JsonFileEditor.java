package dev.dockerdoctor.recovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dockerdoctor.model.FileChange;
import dev.dockerdoctor.store.AtomicFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Edits keys of a JSON object file (daemon.json) keeping every other key and its order: backup first, then an atomic
 * write. A file that is not a JSON object is refused, never overwritten.
 */
public final class JsonFileEditor {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** What an edit did: the backup it made (if there was a file) and the new text. */
    public record Edit(Path file, Optional<Path> backup, String newText) {
    }

    public Edit apply(Path file, List<FileChange> changes, Instant now) throws IOException, RefusedException {
        ObjectNode root;
        if (Files.exists(file)) {
            String text = Files.readString(file);
            JsonNode parsed;
            try {
                parsed = text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
            } catch (IOException e) {
                throw new RefusedException(file + " is not valid JSON; fix it by hand first (nothing was changed)");
            }
            if (parsed == null || !parsed.isObject()) {
                throw new RefusedException(file + " is not a JSON object; fix it by hand first (nothing was changed)");
            }
            root = (ObjectNode) parsed;
        } else {
            root = JSON.createObjectNode();
        }
        for (FileChange c : changes) {
            // "features.containerd-snapshotter": a key of a nested object (daemon.json's own keys have no dots)
            int dot = c.key().indexOf('.');
            ObjectNode parent = root;
            String key = c.key();
            if (dot > 0) {
                JsonNode p = root.get(c.key().substring(0, dot));
                if (p != null && !p.isObject()) {
                    throw new RefusedException(file + ": \"" + c.key().substring(0, dot) + "\" is not an object; fix it by hand first (nothing was changed)");
                }
                parent = p == null ? root.putObject(c.key().substring(0, dot)) : (ObjectNode) p;
                key = c.key().substring(dot + 1);
            }
            if (c.to() == null) parent.remove(key);
            else parent.set(key, value(c.to()));
        }
        Optional<Path> backup = AtomicFile.backup(file, now);
        String out = JSON.writeValueAsString(root) + "\n";
        AtomicFile.write(file, out.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return new Edit(file, backup, out);
    }

    /** "true"/"false" are booleans in daemon.json (live-restore); everything else we set is a string. */
    private static JsonNode value(String v) {
        if (v.equals("true") || v.equals("false")) return JSON.getNodeFactory().booleanNode(Boolean.parseBoolean(v));
        return JSON.getNodeFactory().textNode(v);
    }
}
