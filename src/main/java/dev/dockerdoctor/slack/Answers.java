package dev.dockerdoctor.slack;

import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.bolt.util.Responder;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.webhook.WebhookResponse;
import dev.dockerdoctor.model.Secrets;
import dev.dockerdoctor.slack.message.Message;
import dev.dockerdoctor.slack.render.BlockKitRenderer;
import dev.dockerdoctor.slack.render.SlackMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the bot's answers go, rendered (limits checked, its secrets masked) on the way: a request's
 * {@code response_url}, for the asker alone or for the channel, or a reply in an incident's thread. A click inside a
 * thread is answered in that thread with {@code chat.postMessage}: on Slack a {@code response_url} answer to it lands
 * in the channel instead (bolt-js#963). A failed answer is logged; the work it reports is done either way.
 */
final class Answers {
    private static final Logger log = LoggerFactory.getLogger(Answers.class);

    private final Secrets secrets;

    Answers(Secrets secrets) {
        this.secrets = secrets;
    }

    /** Where one click is answered: its response_url, and the thread it was clicked in (null when none). */
    record Click(Responder responder, MethodsClient client, String channel, String threadTs) {
        boolean inThread() { return client != null && channel != null && threadTs != null; }
    }

    void toAsker(Responder responder, Message m) {
        action(responder, m, false, true);
    }

    void toChannel(Responder responder, Message m) {
        action(responder, m, false, false);
    }

    /** In place of the message clicked, ephemeral or not as that message was. */
    void replacing(Responder responder, Message m, boolean ephemeral) {
        action(responder, m, true, ephemeral);
    }

    /** For everyone where the click was: its thread when it came from one, else the channel. */
    void whereClicked(Click c, Message m) {
        if (!c.inThread()) {
            toChannel(c.responder(), m);
            return;
        }
        SlackMessage out = BlockKitRenderer.renderChecked(m, secrets);
        try {
            ChatPostMessageResponse r = c.client().chatPostMessage(q -> q.channel(c.channel()).threadTs(c.threadTs())
                    .text(out.text()).blocks(out.blocks()));
            if (!r.isOk()) log.warn("Could not post in the thread {}: {}", c.threadTs(), r.getError());
        } catch (Exception e) {
            log.warn("Could not post in the thread {} ({})", c.threadTs(), e.getClass().getSimpleName());
        }
    }

    void command(Responder responder, Message m, boolean inChannel) {
        SlackMessage out = BlockKitRenderer.renderChecked(m, secrets);
        send(() -> responder.send(SlashCommandResponse.builder().responseType(inChannel ? "in_channel" : "ephemeral")
                .text(out.text()).blocks(out.blocks()).build()));
    }

    private void action(Responder responder, Message m, boolean replace, boolean ephemeral) {
        SlackMessage out = BlockKitRenderer.renderChecked(m, secrets);
        ActionResponse r = ActionResponse.builder().responseType(ephemeral ? "ephemeral" : "in_channel")
                .replaceOriginal(replace).text(out.text()).blocks(out.blocks()).build();
        send(() -> responder.send(r));
    }

    private interface Call {
        WebhookResponse send() throws Exception;
    }

    private static void send(Call call) {
        try {
            WebhookResponse w = call.send();
            if (w == null || w.getCode() == null || w.getCode() / 100 != 2) {
                log.warn("response_url answered {}", w == null ? "nothing" : w.getCode());
            }
        } catch (Exception e) {
            log.warn("Could not answer on response_url", e);
        }
    }
}
