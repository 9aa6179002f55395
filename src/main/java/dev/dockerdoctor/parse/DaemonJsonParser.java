package dev.dockerdoctor.parse;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses /etc/docker/daemon.json. A corrupt file is a value ({@link Result#error}), since a corrupt daemon.json is
 * itself a reason dockerd will not start. Values keep their JSON types (strings, booleans, numbers, lists, maps).
 */
public final class DaemonJsonParser {
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).maxStringLength(1_000_000).build())
            .build());

    private DaemonJsonParser() {
    }

    /** Top-level keys in file order, or an error saying what is wrong and where. */
    public record Result(Map<String, Object> keys, String error) {
        public boolean ok() { return error == null; }
    }

    public static Result parse(String text) {
        if (text == null || text.isBlank()) {
            // dockerd treats an empty daemon.json as an error too ("EOF"), but an empty file sets nothing
            return new Result(Map.of(), text == null ? null : "is empty (dockerd refuses an empty daemon.json: write {} instead)");
        }
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || !node.isObject()) {
                return new Result(Map.of(), "is not a JSON object (it must look like {\"key\": value})");
            }
            Map<String, Object> keys = new LinkedHashMap<>();
            node.fields().forEachRemaining(e -> keys.put(e.getKey(), MAPPER.convertValue(e.getValue(), Object.class)));
            return new Result(keys, null);
        } catch (JsonParseException e) {
            var loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            return new Result(Map.of(), "is not valid JSON" + where + ": " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            return new Result(Map.of(), "is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** A string value of a key, or null when absent or not a string. */
    public static String string(Map<String, Object> keys, String key) {
        Object v = keys.get(key);
        return v instanceof String s ? s : null;
    }
}
