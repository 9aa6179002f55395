package dev.dockerdoctor.it;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.dockerdoctor.testing.standin.ServeProcess;
import dev.dockerdoctor.testing.standin.SignedClient;
import dev.dockerdoctor.testing.standin.SlackJson;
import dev.dockerdoctor.testing.standin.SlackPayloads;
import dev.dockerdoctor.testing.standin.SlackStandIn;

import java.time.Duration;

/** /docker-status as a user would type it, and a step's button in the report it answers with. */
public final class StatusReport {
    private StatusReport() {
    }

    /** The value of the step's button in a fresh /docker-status report. */
    public static String buttonValue(SlackStandIn slack, SignedClient client, ServeProcess bot, String user, String step) throws Exception {
        String name = "report-" + System.nanoTime();
        client.post(SlackPayloads.slashCommand("", user, slack.responseUrl(name)));
        JsonObject shown = JsonParser.parseString(slack.awaitPath("/response/" + name, Duration.ofSeconds(60))
                .orElseThrow(() -> new AssertionError("no report; serve's log:\n" + bot.log())).body()).getAsJsonObject();
        return SlackJson.button(shown, step).get("value").getAsString();
    }
}
