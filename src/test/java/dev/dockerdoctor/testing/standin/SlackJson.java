package dev.dockerdoctor.testing.standin;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.util.ArrayList;
import java.util.List;

/** Reading Block Kit JSON the way a person scans a message: its buttons, in order. */
public final class SlackJson {
    private SlackJson() {
    }

    /** Every button: section accessories and actions elements. */
    public static List<JsonObject> buttons(JsonObject message) {
        List<JsonObject> out = new ArrayList<>();
        for (JsonElement b : message.getAsJsonArray("blocks")) {
            JsonObject o = b.getAsJsonObject();
            if (o.has("accessory")) out.add(o.getAsJsonObject("accessory"));
            if (o.get("type").getAsString().equals("actions")) {
                for (JsonElement x : o.getAsJsonArray("elements")) out.add(x.getAsJsonObject());
            }
        }
        return out;
    }

    public static JsonObject button(JsonObject message, String actionId) {
        return buttons(message).stream().filter(b -> b.get("action_id").getAsString().equals(actionId)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + actionId + " button in " + message));
    }
}
