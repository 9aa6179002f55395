package dev.dockerdoctor.slack;

import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.bolt.App;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.views.ViewsOpenResponse;
import com.slack.api.model.block.InputBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.element.PlainTextInputElement;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewClose;
import com.slack.api.model.view.ViewState;
import com.slack.api.model.view.ViewSubmit;
import com.slack.api.model.view.ViewTitle;
import dev.dockerdoctor.slack.message.IncidentViews;
import dev.dockerdoctor.watch.Acknowledgement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * The Acknowledge button of an incident's root message: anyone in the channel may press it; it opens a modal
 * ({@code views.open} with the click's trigger_id, which lives three seconds) asking what they are doing about it.
 * On submit the watch records who, when and why, the root message says so and the audit log keeps it. A
 * submission for an incident no longer open is refused in the modal itself.
 */
final class AckModal {
    private static final Logger log = LoggerFactory.getLogger(AckModal.class);
    static final String CALLBACK = IncidentViews.UI_ACK;
    static final String REASON = "reason";

    private final WatchDesk desk;
    private final String host;
    private final java.util.function.Consumer<Runnable> later;

    /** @param later runs the acknowledgement (it writes files) after the submission is acked */
    AckModal(WatchDesk desk, String host, java.util.function.Consumer<Runnable> later) {
        this.desk = desk;
        this.host = host;
        this.later = later;
    }

    void register(App app) {
        app.viewSubmission(CALLBACK, (req, ctx) -> {
            ViewSubmissionPayload p = req.getPayload();
            String incident = p.getView() == null ? null : p.getView().getPrivateMetadata();
            String user = p.getUser() == null ? null : p.getUser().getId();
            String reason = reason(p.getView() == null ? null : p.getView().getState());
            if (reason.isBlank()) {
                return ctx.ack(r -> r.responseAction("errors").errors(Map.of(REASON, "Say in a few words what you are doing.")));
            }
            if (incident == null || user == null || !desk.isOpen(incident)) {
                return ctx.ack(r -> r.responseAction("errors").errors(Map.of(REASON,
                        "This incident is no longer open: there is nothing to acknowledge.")));
            }
            later.accept(() -> {
                if (desk.acknowledge(incident, user, reason)) log.info("Incident {} acknowledged by {}", incident, user);
                else log.info("Incident {} closed before {}'s acknowledgement was kept", incident, user);
            });
            return ctx.ack();
        });
    }

    /** Opens the modal for a click on incident {@code incidentId}'s Acknowledge button. */
    void open(MethodsClient client, String triggerId, String incidentId) {
        try {
            ViewsOpenResponse r = client.viewsOpen(q -> q.triggerId(triggerId).view(view(incidentId, host)));
            if (!r.isOk()) log.warn("views.open for an acknowledgement failed: {}", r.getError());
        } catch (Exception e) {
            log.warn("views.open for an acknowledgement failed ({})", e.getClass().getSimpleName());
        }
    }

    static View view(String incidentId, String host) {
        List<LayoutBlock> blocks = List.of(
                SectionBlock.builder().text(MarkdownTextObject.builder().text("Incident `" + incidentId + "` on " + host
                        + ". The channel sees who acknowledged it, when and why; it stays open until it is fixed.").build()).build(),
                InputBlock.builder().blockId(REASON)
                        .label(PlainTextObject.builder().text("What are you doing about it?").build())
                        .element(PlainTextInputElement.builder().actionId(REASON).multiline(true)
                                .maxLength(Acknowledgement.MAX_REASON)
                                .placeholder(PlainTextObject.builder().text("e.g. restoring the data root; GitLab back in 10 min").build())
                                .build())
                        .build());
        return View.builder().type("modal").callbackId(CALLBACK).privateMetadata(incidentId)
                .title(ViewTitle.builder().type("plain_text").text("Acknowledge").build())
                .submit(ViewSubmit.builder().type("plain_text").text("Acknowledge").build())
                .close(ViewClose.builder().type("plain_text").text("Cancel").build())
                .blocks(blocks).build();
    }

    private static String reason(ViewState state) {
        if (state == null || state.getValues() == null) return "";
        Map<String, ViewState.Value> block = state.getValues().get(REASON);
        ViewState.Value v = block == null ? null : block.get(REASON);
        return v == null || v.getValue() == null ? "" : v.getValue().strip();
    }
}
