package dev.dockerdoctor.slack.message;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;

import java.util.Optional;

/**
 * What a button's value names: the report (or incident) it belongs to and, for a step button, the step. The server
 * resolves it against its store, so a value never carries a command. One codec, here, both ways.
 */
public record ButtonRef(String report, String step) {
    private static final Gson GSON = new Gson();

    public static ButtonRef ofReport(String report) {
        return new ButtonRef(report, null);
    }

    public String encode() {
        JsonObject o = new JsonObject();
        o.addProperty("report", report);
        if (step != null) o.addProperty("step", step);
        return GSON.toJson(o);
    }

    /** Empty when the value is not one of ours (forged, or from an older version of the bot). */
    public static Optional<ButtonRef> decode(String value) {
        if (value == null || value.isBlank()) return Optional.empty();
        try {
            JsonObject o = GSON.fromJson(value, JsonObject.class);
            if (o == null || !o.has("report") || !o.get("report").isJsonPrimitive()) return Optional.empty();
            String step = o.has("step") && o.get("step").isJsonPrimitive() ? o.get("step").getAsString() : null;
            return Optional.of(new ButtonRef(o.get("report").getAsString(), step));
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }
}
