package dev.dockerdoctor.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.dockerdoctor.slack.SlackBot;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Slack app manifests at the repository root declare what the bot serves. */
class ManifestTest {
    static JsonNode read(String name) throws Exception {
        return new ObjectMapper(new YAMLFactory()).readTree(Path.of(System.getProperty("basedir", "."), name).toFile());
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    // `check` holds a token to the same list (SlackScopes), so a scope added to one is added to both
    static List<String> scopesCheckExpects() {
        return dev.dockerdoctor.slack.SlackScopes.BOT.stream().map(dev.dockerdoctor.slack.SlackScopes.Scope::name).toList();
    }

    @Test
    void socketModeManifestDeclaresTheCommandInteractivityAndScopes() throws Exception {
        JsonNode m = read("manifest.yml");
        assertThat(m.at("/settings/socket_mode_enabled").asBoolean()).isTrue();
        assertThat(m.at("/settings/interactivity/is_enabled").asBoolean()).isTrue();
        assertThat(m.at("/features/slash_commands/0/command").asText()).isEqualTo(SlackBot.COMMAND);
        assertThat(m.at("/features/slash_commands/0/url").isMissingNode()).isTrue();
        assertThat(texts(m.at("/oauth_config/scopes/bot"))).containsExactlyInAnyOrderElementsOf(scopesCheckExpects());
        assertThat(m.at("/features/app_home/home_tab_enabled").asBoolean()).isTrue();
        assertThat(texts(m.at("/settings/event_subscriptions/bot_events"))).containsExactly("app_home_opened");
    }

    @Test
    void httpManifestSendsEverythingToSlackEvents() throws Exception {
        JsonNode m = read("manifest-http.yml");
        assertThat(m.at("/settings/socket_mode_enabled").asBoolean(true)).isFalse();
        assertThat(m.at("/features/slash_commands/0/command").asText()).isEqualTo(SlackBot.COMMAND);
        assertThat(m.at("/features/slash_commands/0/url").asText()).startsWith("https://").endsWith(BotServer.EVENTS_PATH);
        assertThat(m.at("/settings/interactivity/request_url").asText()).endsWith(BotServer.EVENTS_PATH);
        assertThat(m.at("/settings/event_subscriptions/request_url").asText()).endsWith(BotServer.EVENTS_PATH);
        assertThat(m.at("/features/app_home/home_tab_enabled").asBoolean()).isTrue();
        assertThat(texts(m.at("/settings/event_subscriptions/bot_events"))).containsExactly("app_home_opened");
        assertThat(texts(m.at("/oauth_config/scopes/bot"))).containsExactlyInAnyOrderElementsOf(scopesCheckExpects());
    }
}
