package dev.dockerdoctor.testing.standin;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Request bodies shaped like Slack's own (api.slack.com examples): a slash command and a block_actions click. */
public final class SlackPayloads {
    private SlackPayloads() {
    }

    public static Map<String, String> slashCommandFields(String text, String userId, String responseUrl) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("token", "gIkuvaNzQIHg97ATvDxqgjtO");
        f.put("team_id", SlackStandIn.TEAM);
        f.put("team_domain", "doctor-test");
        f.put("channel_id", "C0CHAN");
        f.put("channel_name", "ops");
        f.put("user_id", userId);
        f.put("user_name", "alice");
        f.put("command", "/docker-status");
        f.put("text", text);
        f.put("api_app_id", "A0APP");
        f.put("is_enterprise_install", "false");
        f.put("response_url", responseUrl);
        f.put("trigger_id", triggerId("66cb4e2e5a5a7d35"));
        return f;
    }

    public static String slashCommand(String text, String userId, String responseUrl) {
        return form(slashCommandFields(text, userId, responseUrl));
    }

    public static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
    }

    public static JsonObject slashCommandJson(String text, String userId, String responseUrl) {
        JsonObject o = new JsonObject();
        slashCommandFields(text, userId, responseUrl).forEach(o::addProperty);
        return o;
    }

    /** The JSON of a block_actions click on a button of an ephemeral message. */
    public static JsonObject blockActionJson(String actionId, String value, String userId, String responseUrl) {
        JsonObject container = new JsonObject();
        container.addProperty("type", "message");
        container.addProperty("message_ts", "1732688834.000200");
        container.addProperty("channel_id", "C0CHAN");
        container.addProperty("is_ephemeral", true);
        JsonObject channel = new JsonObject();
        channel.addProperty("id", "C0CHAN");
        channel.addProperty("name", "ops");
        JsonObject text = new JsonObject();
        text.addProperty("type", "plain_text");
        text.addProperty("text", "Button");
        text.addProperty("emoji", true);
        JsonObject action = new JsonObject();
        action.addProperty("action_id", actionId);
        action.addProperty("block_id", "b1");
        action.add("text", text);
        action.addProperty("value", value);
        action.addProperty("type", "button");
        action.addProperty("action_ts", "1732688900.123456");
        JsonArray actions = new JsonArray();
        actions.add(action);
        JsonObject p = new JsonObject();
        p.addProperty("type", "block_actions");
        p.add("user", user(userId));
        p.addProperty("api_app_id", "A0APP");
        p.addProperty("token", "gIkuvaNzQIHg97ATvDxqgjtO");
        p.add("container", container);
        p.addProperty("trigger_id", triggerId("b2c4"));
        p.add("team", team());
        p.add("channel", channel);
        p.addProperty("response_url", responseUrl);
        p.add("actions", actions);
        return p;
    }

    public static String blockAction(String actionId, String value, String userId, String responseUrl) {
        return "payload=" + enc(blockActionJson(actionId, value, userId, responseUrl).toString());
    }

    // the user and team of an interaction payload, as Slack writes them
    private static JsonObject user(String userId) {
        JsonObject user = new JsonObject();
        user.addProperty("id", userId);
        user.addProperty("username", "alice");
        user.addProperty("team_id", SlackStandIn.TEAM);
        return user;
    }

    private static JsonObject team() {
        JsonObject team = new JsonObject();
        team.addProperty("id", SlackStandIn.TEAM);
        team.addProperty("domain", "doctor-test");
        return team;
    }

    // a fresh one each time, as Slack's: requests are told apart by it
    private static String triggerId(String suffix) {
        return "13345224609." + Math.abs(UUID.randomUUID().getMostSignificantBits()) + "." + suffix;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The Events API callback Slack sends when someone opens the app's Home tab. */
    public static String appHomeOpened(String userId) {
        JsonObject event = new JsonObject();
        event.addProperty("type", "app_home_opened");
        event.addProperty("user", userId);
        event.addProperty("channel", "D0HOME");
        event.addProperty("tab", "home");
        event.addProperty("event_ts", "1700000000.000100");
        JsonObject o = new JsonObject();
        o.addProperty("token", "legacy");
        o.addProperty("team_id", SlackStandIn.TEAM);
        o.addProperty("api_app_id", "A0APP");
        o.add("event", event);
        o.addProperty("type", "event_callback");
        o.addProperty("event_id", "Ev0HOME" + System.nanoTime());
        o.addProperty("event_time", 1700000000);
        return o.toString();
    }

    /** A modal's submission as Slack sends it: the view with its callback_id, private_metadata and the typed state. */
    public static String viewSubmission(String callbackId, String privateMetadata, String userId, String blockId,
                                        String actionId, String typed) {
        JsonObject value = new JsonObject();
        value.addProperty("type", "plain_text_input");
        value.addProperty("value", typed);
        JsonObject action = new JsonObject();
        action.add(actionId, value);
        JsonObject values = new JsonObject();
        values.add(blockId, action);
        JsonObject state = new JsonObject();
        state.add("values", values);
        JsonObject view = new JsonObject();
        view.addProperty("id", "V0MODAL");
        view.addProperty("type", "modal");
        view.addProperty("callback_id", callbackId);
        view.addProperty("private_metadata", privateMetadata);
        view.add("state", state);
        JsonObject p = new JsonObject();
        p.addProperty("type", "view_submission");
        p.add("team", team());
        p.add("user", user(userId));
        p.addProperty("api_app_id", "A0APP");
        p.addProperty("trigger_id", triggerId("view"));
        p.add("view", view);
        return "payload=" + enc(p.toString());
    }
}
