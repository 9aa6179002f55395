package dev.dockerdoctor.slack.render;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.dockerdoctor.slack.message.Message;
import dev.dockerdoctor.slack.message.Part;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BlockKitLimitsTest {

    @Test
    void shouldNameEveryBrokenLimitOfAHandWrittenMessage() {
        String button = "{\"type\":\"button\",\"action_id\":\"" + "a".repeat(256) + "\",\"value\":\"" + "v".repeat(2001)
                + "\",\"text\":{\"type\":\"plain_text\",\"text\":\"" + "l".repeat(76) + "\"},"
                + "\"confirm\":{\"title\":{\"type\":\"plain_text\",\"text\":\"" + "t".repeat(101) + "\"},"
                + "\"text\":{\"type\":\"plain_text\",\"text\":\"" + "x".repeat(301) + "\"},"
                + "\"confirm\":{\"type\":\"plain_text\",\"text\":\"ok\"},\"deny\":{\"type\":\"plain_text\",\"text\":\"no\"}}}";
        StringBuilder fields = new StringBuilder();
        for (int i = 0; i < 11; i++) fields.append(i == 0 ? "" : ",").append("{\"type\":\"mrkdwn\",\"text\":\"").append(i == 0 ? "f".repeat(2001) : "f").append("\"}");
        StringBuilder buttons = new StringBuilder();
        for (int i = 0; i < 26; i++) buttons.append(i == 0 ? "" : ",").append("{\"type\":\"button\",\"action_id\":\"b").append(i)
                .append("\",\"text\":{\"type\":\"plain_text\",\"text\":\"b\"}}");
        String json = "{\"text\":\"fallback\",\"blocks\":["
                + "{\"type\":\"header\",\"text\":{\"type\":\"plain_text\",\"text\":\"" + "h".repeat(151) + "\"}},"
                + "{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"" + "s".repeat(3001) + "\"},\"accessory\":" + button + "},"
                + "{\"type\":\"section\",\"fields\":[" + fields + "]},"
                + "{\"type\":\"actions\",\"elements\":[" + buttons + "]}"
                + "]}";
        List<String> v = BlockKitLimits.violations(JsonParser.parseString(json).getAsJsonObject());
        assertThat(String.join("\n", v)).contains(
                "blocks[0].text: 151 characters > 150",
                "blocks[1].text.text: 3001 characters > 3000",
                "blocks[1].accessory.text.text: 76 characters > 75",
                "blocks[1].accessory.action_id: 256 characters > 255",
                "blocks[1].accessory.value: 2001 characters > 2000",
                "blocks[1].accessory.confirm.title.text: 101 characters > 100",
                "blocks[1].accessory.confirm.text.text: 301 characters > 300",
                "blocks[2].fields: 11 > 10",
                "blocks[2].fields[0].text: 2001 characters > 2000",
                "blocks[3].elements: 26 > 25");
    }

    @Test
    void shouldCountBlocksAndDuplicateActionIds() {
        JsonObject m = new JsonObject();
        m.addProperty("text", "x");
        com.google.gson.JsonArray blocks = new com.google.gson.JsonArray();
        for (int i = 0; i < 51; i++) blocks.add(JsonParser.parseString("{\"type\":\"divider\"}"));
        blocks.add(JsonParser.parseString("{\"type\":\"actions\",\"elements\":[{\"type\":\"button\",\"action_id\":\"same\","
                + "\"text\":{\"type\":\"plain_text\",\"text\":\"a\"}},{\"type\":\"button\",\"action_id\":\"same\","
                + "\"text\":{\"type\":\"plain_text\",\"text\":\"b\"}}]}"));
        m.add("blocks", blocks);
        assertThat(BlockKitLimits.violations(m)).contains("blocks: 52 > 50", "blocks[51]: duplicate action_id same");
    }

    @Test
    void shouldKeepARendererOutputInsideTheLimitsWhateverTheModelHolds() {
        List<Part> parts = new ArrayList<>();
        parts.add(new Part.Header("h".repeat(500)));
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < 25; i++) fields.add("*f*\n" + "x".repeat(2500));
        parts.add(new Part.Fields(fields));
        List<Part.Button> buttons = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            buttons.add(new Part.Button("id-" + i + "-" + "i".repeat(300), "label ".repeat(30), "v".repeat(3000), Part.Style.DANGER,
                    new Part.Confirm("t".repeat(200), "c".repeat(1000), "yes ".repeat(20), "no ".repeat(20), true)));
        }
        parts.add(new Part.Buttons(buttons));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 2000; i++) lines.add("line " + i + " " + "`".repeat(5) + "<&>");
        parts.add(new Part.Code("*title*", lines));
        for (int i = 0; i < 60; i++) parts.add(new Part.Text("t".repeat(4000)));
        SlackMessage out = BlockKitRenderer.render(new Message("x".repeat(10_000), parts));
        assertThat(BlockKitLimits.violations(out)).isEmpty();
        assertThat(out.blocks()).hasSize(50);
        assertThat(BlockKitLimits.toJson(out).toString()).contains("more blocks: run `docker-doctor diagnose` on the host");
    }
}
