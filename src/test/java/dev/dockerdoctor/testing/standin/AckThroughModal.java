package dev.dockerdoctor.testing.standin;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.dockerdoctor.testing.Eventually;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Someone presses Acknowledge on the incident's root message (the first message the stand-in kept), the modal opens
 * (views.open), they submit their reason, and the root message says "Acknowledged": as a user does it, signed.
 */
public final class AckThroughModal {
    private AckThroughModal() {
    }

    public static void ack(SignedClient client, SlackStandIn slack, String incidentId, String user, String reason) throws Exception {
        JsonObject rootBlocks = JsonParser.parseString("{\"blocks\":" + slack.posted().get(0).blocks() + "}").getAsJsonObject();
        String ackValue = SlackJson.button(rootBlocks, "ui:ack").get("value").getAsString();
        assertThat(client.post(SlackPayloads.blockAction("ui:ack", ackValue, user, slack.responseUrl("ack"))).status())
                .isEqualTo(200);
        slack.awaitPath("/api/views.open", Duration.ofSeconds(10)).orElseThrow();
        assertThat(client.post(SlackPayloads.viewSubmission("ui:ack", incidentId, user, "reason", "reason", reason)).body())
                .doesNotContain("errors");
        Eventually.await("the root says who acknowledged it", Duration.ofSeconds(30),
                () -> slack.posted().get(0).blocks().contains("Acknowledged"));
    }
}
