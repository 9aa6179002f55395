package dev.dockerdoctor.parse.logs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * {@code journalctl -o json} lines, one entry each. Values are strings; a MESSAGE that is not valid UTF-8 comes as
 * an array of byte values and is decoded leniently. Lines that are not an entry give null.
 */
public final class JournalParser {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JournalParser() {
    }

    /** The entry, with its time shown in {@code zone}; null when the line is not a journal entry. */
    public static JournalEntry parse(String line, ZoneId zone) {
        if (line == null || line.isBlank()) return null;
        JsonNode n;
        try {
            n = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return null;
        }
        if (n == null || !n.isObject()) return null;
        String micros = text(n.get("__REALTIME_TIMESTAMP"));
        if (micros == null) return null;
        long us;
        try {
            us = Long.parseLong(micros.trim());
        } catch (NumberFormatException e) {
            return null;
        }
        Instant at = Instant.ofEpochSecond(Math.floorDiv(us, 1_000_000L), Math.floorMod(us, 1_000_000L) * 1000L);
        return new JournalEntry(OffsetDateTime.ofInstant(at, zone), text(n.get("_HOSTNAME")),
                text(n.get("_SYSTEMD_UNIT")), text(n.get("UNIT")), text(n.get("SYSLOG_IDENTIFIER")),
                text(n.get("_PID")), text(n.get("_COMM")), text(n.get("MESSAGE")), text(n.get("CONTAINER_ID")));
    }

    /** A field's value: a string, a number, or bytes (an array of numbers); null when absent or JSON null. */
    static String text(JsonNode v) {
        if (v == null || v.isNull()) return null;
        if (v.isTextual()) return v.asText();
        if (v.isNumber() || v.isBoolean()) return v.asText();
        if (v.isArray()) {
            // a field logged more than once comes as an array of values; bytes come as an array of numbers
            if (v.size() > 0 && !v.get(0).isNumber()) return text(v.get(0));
            ByteArrayOutputStream out = new ByteArrayOutputStream(v.size());
            for (JsonNode b : v) out.write(b.asInt() & 0xff);
            return out.toString(StandardCharsets.UTF_8);
        }
        return v.toString();
    }
}
