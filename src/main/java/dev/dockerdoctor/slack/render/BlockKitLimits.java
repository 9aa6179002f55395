package dev.dockerdoctor.slack.render;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.slack.api.util.json.GsonFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Slack's Block Kit limits, and a check of a rendered message against them. The check reads the JSON the SDK
 * would send (not our model), so it judges exactly what Slack would judge.
 */
public final class BlockKitLimits {
    public static final int MESSAGE_BLOCKS = 50;
    public static final int SECTION_TEXT = 3000;
    public static final int SECTION_FIELDS = 10;
    public static final int SECTION_FIELD_TEXT = 2000;
    public static final int HEADER_TEXT = 150;
    public static final int CONTEXT_ELEMENTS = 10;
    public static final int TEXT_OBJECT = 3000;
    public static final int ACTIONS_ELEMENTS = 25;
    public static final int BUTTON_TEXT = 75;
    public static final int ACTION_ID = 255;
    public static final int BUTTON_VALUE = 2000;
    public static final int CONFIRM_TITLE = 100;
    public static final int CONFIRM_TEXT = 300;
    public static final int CONFIRM_BUTTON = 30;
    public static final int BLOCK_ID = 255;
    /** Ours, not Slack's (which truncates at 40,000): the fallback is a notification line, not a document. */
    public static final int FALLBACK_TEXT = 3000;
    /** Ours: a timeline line longer than this is cut, so one line cannot eat a whole section. */
    public static final int CODE_LINE = 300;

    private static final Gson GSON = GsonFactory.createSnakeCase();

    private BlockKitLimits() {
    }

    /** The message as Slack would receive it (the payload's {@code text} and {@code blocks}). */
    public static JsonObject toJson(SlackMessage m) {
        JsonObject o = new JsonObject();
        o.addProperty("text", m.text());
        o.add("blocks", GSON.toJsonTree(m.blocks()));
        return o;
    }

    /** Every limit the message breaks, in words; empty when Slack would accept it. */
    public static List<String> violations(SlackMessage m) {
        return violations(toJson(m));
    }

    public static List<String> violations(JsonObject message) {
        List<String> v = new ArrayList<>();
        String text = str(message, "text");
        if (text == null || text.isBlank()) v.add("text: a fallback text is required");
        else max(v, "text", text, FALLBACK_TEXT);
        JsonArray blocks = message.has("blocks") ? message.getAsJsonArray("blocks") : new JsonArray();
        if (blocks.size() > MESSAGE_BLOCKS) v.add("blocks: " + blocks.size() + " > " + MESSAGE_BLOCKS);
        Set<String> blockIds = new HashSet<>();
        for (int i = 0; i < blocks.size(); i++) {
            JsonObject b = blocks.get(i).getAsJsonObject();
            String at = "blocks[" + i + "]";
            String id = str(b, "block_id");
            if (id != null) {
                max(v, at + ".block_id", id, BLOCK_ID);
                if (!blockIds.add(id)) v.add(at + ".block_id: duplicate " + id);
            }
            String type = str(b, "type");
            switch (type == null ? "" : type) {
                case "header" -> {
                    JsonObject t = obj(b, "text");
                    if (t == null || !"plain_text".equals(str(t, "type"))) v.add(at + ".text: header needs plain_text");
                    else max(v, at + ".text", str(t, "text"), HEADER_TEXT);
                }
                case "section" -> section(v, at, b);
                case "context" -> {
                    JsonArray els = arr(b, "elements");
                    if (els == null || els.isEmpty()) v.add(at + ".elements: context needs elements");
                    else {
                        if (els.size() > CONTEXT_ELEMENTS) v.add(at + ".elements: " + els.size() + " > " + CONTEXT_ELEMENTS);
                        for (int j = 0; j < els.size(); j++) textObject(v, at + ".elements[" + j + "]", els.get(j).getAsJsonObject(), TEXT_OBJECT);
                    }
                }
                case "actions" -> {
                    JsonArray els = arr(b, "elements");
                    if (els == null || els.isEmpty()) v.add(at + ".elements: actions needs elements");
                    else {
                        if (els.size() > ACTIONS_ELEMENTS) v.add(at + ".elements: " + els.size() + " > " + ACTIONS_ELEMENTS);
                        Set<String> ids = new HashSet<>();
                        for (int j = 0; j < els.size(); j++) {
                            JsonObject e = els.get(j).getAsJsonObject();
                            element(v, at + ".elements[" + j + "]", e);
                            String aid = str(e, "action_id");
                            if (aid != null && !ids.add(aid)) v.add(at + ": duplicate action_id " + aid);
                        }
                    }
                }
                case "divider" -> {
                }
                default -> v.add(at + ": block type " + type + " is not checked here");
            }
        }
        return v;
    }

    private static void section(List<String> v, String at, JsonObject b) {
        JsonObject text = obj(b, "text");
        JsonArray fields = arr(b, "fields");
        if (text == null && (fields == null || fields.isEmpty())) v.add(at + ": section needs text or fields");
        if (text != null) textObject(v, at + ".text", text, SECTION_TEXT);
        if (fields != null) {
            if (fields.size() > SECTION_FIELDS) v.add(at + ".fields: " + fields.size() + " > " + SECTION_FIELDS);
            for (int j = 0; j < fields.size(); j++) {
                textObject(v, at + ".fields[" + j + "]", fields.get(j).getAsJsonObject(), SECTION_FIELD_TEXT);
            }
        }
        JsonObject acc = obj(b, "accessory");
        if (acc != null) element(v, at + ".accessory", acc);
    }

    private static void element(List<String> v, String at, JsonObject e) {
        if (!"button".equals(str(e, "type"))) {
            v.add(at + ": element type " + str(e, "type") + " is not checked here");
            return;
        }
        JsonObject t = obj(e, "text");
        if (t == null || !"plain_text".equals(str(t, "type"))) v.add(at + ".text: a button needs plain_text");
        else textObject(v, at + ".text", t, BUTTON_TEXT);
        String aid = str(e, "action_id");
        if (aid == null || aid.isEmpty()) v.add(at + ".action_id: missing");
        else max(v, at + ".action_id", aid, ACTION_ID);
        String value = str(e, "value");
        if (value != null) max(v, at + ".value", value, BUTTON_VALUE);
        String style = str(e, "style");
        if (style != null && !style.equals("primary") && !style.equals("danger")) v.add(at + ".style: " + style);
        JsonObject c = obj(e, "confirm");
        if (c != null) {
            String[][] parts = {{"title", "" + CONFIRM_TITLE}, {"text", "" + CONFIRM_TEXT},
                    {"confirm", "" + CONFIRM_BUTTON}, {"deny", "" + CONFIRM_BUTTON}};
            for (String[] p : parts) {
                JsonObject o = obj(c, p[0]);
                if (o == null) v.add(at + ".confirm." + p[0] + ": missing");
                else textObject(v, at + ".confirm." + p[0], o, Integer.parseInt(p[1]));
            }
        }
    }

    private static void textObject(List<String> v, String at, JsonObject t, int limit) {
        String type = str(t, "type");
        if (!"mrkdwn".equals(type) && !"plain_text".equals(type)) v.add(at + ".type: " + type);
        String s = str(t, "text");
        if (s == null || s.isEmpty()) v.add(at + ".text: empty");
        else max(v, at + ".text", s, limit);
    }

    private static void max(List<String> v, String at, String s, int limit) {
        if (s != null && s.length() > limit) v.add(at + ": " + s.length() + " characters > " + limit);
    }

    private static String str(JsonObject o, String k) {
        JsonElement e = o.get(k);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }

    private static JsonObject obj(JsonObject o, String k) {
        JsonElement e = o.get(k);
        return e != null && e.isJsonObject() ? e.getAsJsonObject() : null;
    }

    private static JsonArray arr(JsonObject o, String k) {
        JsonElement e = o.get(k);
        return e != null && e.isJsonArray() ? e.getAsJsonArray() : null;
    }
}
