package dev.dockerdoctor.watch;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.dockerdoctor.slack.standin.ServeProcess;
import dev.dockerdoctor.slack.standin.SignedClient;
import dev.dockerdoctor.slack.standin.SlackJson;
import dev.dockerdoctor.slack.standin.SlackPayloads;
import dev.dockerdoctor.slack.standin.SlackStandIn;

import java.time.Duration;

/** /docker-status as a user would type it, and a step's button in the report it answers with. */
final class StatusReport {
    private StatusReport() {
    }

    /** The value of the step's button in a fresh /docker-status report. */
    static String buttonValue(SlackStandIn slack, SignedClient client, ServeProcess bot, String user, String step) throws Exception {
        String name = "report-" + System.nanoTime();
        client.post(SlackPayloads.slashCommand("", user, slack.responseUrl(name)));
        JsonObject shown = JsonParser.parseString(slack.awaitPath("/response/" + name, Duration.ofSeconds(60))
                .orElseThrow(() -> new AssertionError("no report; serve's log:\n" + bot.log())).body()).getAsJsonObject();
        return SlackJson.button(shown, step).get("value").getAsString();
    }
}
