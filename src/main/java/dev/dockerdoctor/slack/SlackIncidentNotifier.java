package dev.dockerdoctor.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.model.Message.Metadata;
import dev.dockerdoctor.model.Diagnosis;
import dev.dockerdoctor.model.Secrets;
import dev.dockerdoctor.slack.message.IncidentViews;
import dev.dockerdoctor.slack.message.MaintenanceViews;
import dev.dockerdoctor.slack.message.ViewContext;
import dev.dockerdoctor.slack.render.BlockKitRenderer;
import dev.dockerdoctor.slack.render.SlackMessage;
import dev.dockerdoctor.watch.DeliveryException;
import dev.dockerdoctor.watch.Incident;
import dev.dockerdoctor.watch.IncidentNotifier;
import dev.dockerdoctor.watch.Maintenance;
import dev.dockerdoctor.watch.ThreadRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Incident threads in Slack. The root message is posted in DOCTOR_CHANNEL (tagged with message metadata naming
 * the incident) and edited with {@code chat.update} as the incident changes; the diagnosis with the plan goes into
 * the thread as one reply, edited in place after that; a short reply says when it is resolved.
 *
 * <p>Each call makes at most one post, and makes it last, so a call that fails half-way can be repeated without
 * posting anything twice: edits are safe to repeat, and the ts of every reply is kept in the {@link ThreadRef}.
 * Slack's answers become {@link DeliveryException}s: HTTP 429 with its Retry-After, 5xx and network failures as
 * transient, refusals a person must fix ({@code not_in_channel}, {@code invalid_auth}...) as such. Blocks Slack
 * refuses are sent again as plain text, so the news still arrives.
 */
public final class SlackIncidentNotifier implements IncidentNotifier {
    public static final String METADATA_EVENT = "docker_doctor_incident";
    static final String DIAGNOSIS = "diagnosis";
    static final String RESOLVED = "resolved";
    private static final Logger log = LoggerFactory.getLogger(SlackIncidentNotifier.class);
    private static final Set<String> TRANSIENT = Set.of("internal_error", "fatal_error", "service_unavailable",
            "request_timeout", "ratelimited", "team_added_to_org");
    private static final Set<String> BAD_BLOCKS = Set.of("invalid_blocks", "invalid_blocks_format", "msg_too_long",
            "too_many_attachments", "invalid_attachments");
    private static final Set<String> GONE = Set.of("message_not_found", "cant_update_message", "edit_window_closed");

    private final MethodsClient slack;
    private final List<String> oncall;
    private final String channel;
    private final ViewContextFactory contexts;
    private final ZoneId zone;
    private final Secrets secrets;
    private final ChannelPacer pacer;

    /** The view context of an incident's messages: its buttons name the incident. */
    @FunctionalInterface
    public interface ViewContextFactory {
        ViewContext forIncident(String incidentId);
    }

    /**
     * @param slack   a methods client with the bot token (Slack's own or SLACK_API_URL's)
     * @param channel DOCTOR_CHANNEL
     * @param zone    the host's zone, for the times in the root message
     */
    public SlackIncidentNotifier(MethodsClient slack, String channel, ViewContextFactory contexts, ZoneId zone) {
        this(slack, channel, contexts, zone, Secrets.none());
    }

    /** @param secrets the bot's own, masked in everything posted (a finding may quote a file that holds one) */
    public SlackIncidentNotifier(MethodsClient slack, String channel, ViewContextFactory contexts, ZoneId zone,
                                 Secrets secrets) {
        this(slack, channel, contexts, zone, secrets, List.of());
    }

    /** @param oncall DOCTOR_ONCALL: the Slack users (U...) or user groups (S...) a reminder mentions */
    public SlackIncidentNotifier(MethodsClient slack, String channel, ViewContextFactory contexts, ZoneId zone,
                                 Secrets secrets, List<String> oncall) {
        this(slack, channel, contexts, zone, secrets, oncall, ChannelPacer.none());
    }

    /** @param pacer shared by every notifier of the process that posts in the same workspace */
    public SlackIncidentNotifier(MethodsClient slack, String channel, ViewContextFactory contexts, ZoneId zone,
                                 Secrets secrets, List<String> oncall, ChannelPacer pacer) {
        this.pacer = pacer;
        this.oncall = List.copyOf(oncall);
        this.slack = slack;
        this.channel = channel;
        this.contexts = contexts;
        this.zone = zone;
        this.secrets = secrets;
    }

    @Override
    public ThreadRef opened(Incident i, Optional<Diagnosis> diagnosis) throws DeliveryException {
        ChatPostMessageResponse r = postRoot(i, diagnosis, null);
        return new ThreadRef(r.getChannel() != null ? r.getChannel() : channel, r.getTs());
    }

    /** The incident's root message, tagged with its id, in the channel or (a group's member) in a thread. */
    private ChatPostMessageResponse postRoot(Incident i, Optional<Diagnosis> diagnosis, String threadTs) throws DeliveryException {
        SlackMessage m = BlockKitRenderer.renderChecked(IncidentViews.root(i, diagnosis, contexts.forIncident(i.id()), zone), secrets);
        Metadata tag = Metadata.builder().eventType(METADATA_EVENT).eventPayload(Map.of("incident", i.id())).build();
        return post("chat.postMessage (root of " + i.id() + (threadTs == null ? ")" : " in its group)"), m, threadTs, tag);
    }

    @Override
    public ThreadRef updated(Incident i, Optional<Diagnosis> diagnosis) throws DeliveryException {
        ThreadRef t = i.thread();
        ViewContext c = contexts.forIncident(i.id());
        edit("chat.update (root of " + i.id() + ")", t.channel(), t.ts(), BlockKitRenderer.renderChecked(IncidentViews.root(i, diagnosis, c, zone), secrets));
        if (diagnosis.isEmpty()) return t;
        SlackMessage thread = BlockKitRenderer.renderChecked(IncidentViews.thread(i, diagnosis.get(), c), secrets);
        String replyTs = t.replies().get(DIAGNOSIS);
        if (replyTs != null) {
            edit("chat.update (diagnosis of " + i.id() + ")", t.channel(), replyTs, thread);
            return t;
        }
        ChatPostMessageResponse r = post("chat.postMessage (diagnosis of " + i.id() + ")", thread, parent(t), null);
        return t.withReply(DIAGNOSIS, r.getTs());
    }

    @Override
    public ThreadRef resolved(Incident i, Optional<Diagnosis> diagnosis) throws DeliveryException {
        ThreadRef t = i.thread();
        ViewContext c = contexts.forIncident(i.id());
        edit("chat.update (root of " + i.id() + ")", t.channel(), t.ts(), BlockKitRenderer.renderChecked(IncidentViews.root(i, diagnosis, c, zone), secrets));
        String replyTs = t.replies().get(DIAGNOSIS);
        if (replyTs != null && diagnosis.isPresent()) {
            edit("chat.update (diagnosis of " + i.id() + ")", t.channel(), replyTs, BlockKitRenderer.renderChecked(IncidentViews.thread(i, diagnosis.get(), c), secrets));
        }
        if (t.replies().containsKey(RESOLVED)) return t;
        ChatPostMessageResponse r = post("chat.postMessage (resolved " + i.id() + ")", BlockKitRenderer.renderChecked(IncidentViews.resolved(i, c), secrets), parent(t), null);
        return t.withReply(RESOLVED, r.getTs());
    }

    @Override
    public void remind(Incident i, Duration openFor) throws DeliveryException {
        ThreadRef t = i.thread();
        if (t == null) return; // not posted yet: the root message itself is still on its way
        post("chat.postMessage (reminder of " + i.id() + ")",
                BlockKitRenderer.renderChecked(IncidentViews.reminder(i, openFor, oncall, contexts.forIncident(i.id())), secrets),
                parent(t), null);
    }

    /** The thread an incident's replies go to: its own root's, or, for a group member, the group's. */
    static String parent(ThreadRef t) {
        return t.replies().getOrDefault(ThreadRef.GROUP_THREAD, t.ts());
    }

    @Override
    public ThreadRef openedIn(ThreadRef group, Incident i, Optional<Diagnosis> diagnosis) throws DeliveryException {
        ChatPostMessageResponse r = postRoot(i, diagnosis, group.ts());
        return new ThreadRef(group.channel(), r.getTs(), Map.of(ThreadRef.GROUP_THREAD, group.ts()));
    }

    @Override
    public ThreadRef group(ThreadRef root, dev.dockerdoctor.watch.IncidentGroup g) throws DeliveryException {
        edit("chat.update (group root)", root.channel(), root.ts(),
                BlockKitRenderer.renderChecked(dev.dockerdoctor.slack.message.GroupViews.root(g, zone), secrets));
        return root;
    }

    /** A maintenance window's start or end, in the channel (not in a thread: it is about the host, not an incident). */
    @Override
    public void maintenance(Maintenance window) throws DeliveryException {
        String host = contexts.forIncident(null).host();
        post("chat.postMessage (maintenance " + (window.endedAt() == null ? "start" : "end") + ")",
                BlockKitRenderer.renderChecked(MaintenanceViews.news(window, host, zone), secrets), null, null);
    }

    /**
     * The root message of this incident among the channel's recent messages, by its metadata. Needs the
     * {@code channels:history} scope ({@code groups:history} for a private channel); without it nothing is found
     * and the incident is posted again.
     */
    @Override
    public Optional<ThreadRef> findPosted(Incident i) throws DeliveryException {
        Instant since = (i.delivery().postingSince() != null ? i.delivery().postingSince() : i.openedAt()).minus(Duration.ofMinutes(5));
        String oldest = since.getEpochSecond() + ".000000";
        ConversationsHistoryResponse r;
        try {
            r = slack.conversationsHistory(q -> q.channel(channel).oldest(oldest).limit(200).includeAllMetadata(true));
        } catch (IOException e) {
            throw DeliveryException.transientFailure("conversations.history: " + e.getClass().getSimpleName(), e);
        } catch (SlackApiException e) {
            throw failure("conversations.history", e);
        }
        if (!r.isOk()) {
            if (TRANSIENT.contains(r.getError())) throw DeliveryException.transientFailure("conversations.history: " + r.getError(), null);
            log.warn("Cannot look for the root message of incident {} ({}): posting it again. Give the bot the"
                    + " channels:history scope to avoid that.", i.id(), r.getError());
            return Optional.empty();
        }
        if (r.getMessages() == null) return Optional.empty();
        return r.getMessages().stream()
                .filter(m -> m.getMetadata() != null && METADATA_EVENT.equals(m.getMetadata().getEventType())
                        && m.getMetadata().getEventPayload() != null
                        && i.id().equals(String.valueOf(m.getMetadata().getEventPayload().get("incident"))))
                .map(m -> new ThreadRef(channel, m.getTs()))
                .findFirst();
    }

    // ---------------------------------------------------------------- Slack calls and their failures

    private ChatPostMessageResponse post(String what, SlackMessage m, String threadTs, Metadata tag) throws DeliveryException {
        try {
            pacer.awaitTurn(channel);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DeliveryException.transientFailure(what + ": interrupted while waiting its turn", e);
        }
        ChatPostMessageResponse r = call(what, () -> slack.chatPostMessage(q -> q.channel(channel).threadTs(threadTs)
                .text(m.text()).blocks(m.blocks()).metadata(tag).unfurlLinks(false).unfurlMedia(false)));
        if (!r.isOk() && BAD_BLOCKS.contains(r.getError())) {
            log.error("Slack refused the blocks of {} ({}): a rendering bug; sending the text alone", what, r.getError());
            r = call(what, () -> slack.chatPostMessage(q -> q.channel(channel).threadTs(threadTs).text(m.text())
                    .metadata(tag).unfurlLinks(false).unfurlMedia(false)));
        }
        check(what, r);
        return r;
    }

    private void edit(String what, String inChannel, String ts, SlackMessage m) throws DeliveryException {
        SlackApiTextResponse r = call(what, () -> slack.chatUpdate(q -> q.channel(inChannel).ts(ts).text(m.text()).blocks(m.blocks())));
        if (!r.isOk() && BAD_BLOCKS.contains(r.getError())) {
            log.error("Slack refused the blocks of {} ({}): a rendering bug; sending the text alone", what, r.getError());
            r = call(what, () -> slack.chatUpdate(q -> q.channel(inChannel).ts(ts).text(m.text()).blocks(List.of())));
        }
        if (!r.isOk() && GONE.contains(r.getError())) {
            log.warn("{}: the message is gone ({}); nothing to edit", what, r.getError());
            return;
        }
        check(what, r);
    }

    private interface SlackCall<T> {
        T run() throws IOException, SlackApiException;
    }

    private static <T extends SlackApiTextResponse> T call(String what, SlackCall<T> c) throws DeliveryException {
        try {
            return c.run();
        } catch (IOException e) {
            throw DeliveryException.transientFailure(what + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        } catch (SlackApiException e) {
            throw failure(what, e);
        }
    }

    private static void check(String what, SlackApiTextResponse r) throws DeliveryException {
        if (r.isOk()) return;
        if (TRANSIENT.contains(r.getError())) throw DeliveryException.transientFailure(what + ": " + r.getError(), null);
        throw DeliveryException.needsPerson(what + ": Slack said " + r.getError());
    }

    /** An HTTP status other than 200: 429 with its Retry-After, anything else transient. */
    static DeliveryException failure(String what, SlackApiException e) {
        int status = e.getResponse() == null ? 0 : e.getResponse().code();
        if (status == 429) {
            return DeliveryException.rateLimited(what + ": HTTP 429 (rate limited)", retryAfter(e.getResponse().header("Retry-After")));
        }
        return DeliveryException.transientFailure(what + ": HTTP " + status, e);
    }

    static Duration retryAfter(String header) {
        try {
            long s = Long.parseLong(header == null ? "" : header.strip());
            return Duration.ofSeconds(Math.max(1, Math.min(s, 3600)));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1); // Slack always sends it; without it, wait a little and try again
        }
    }
}
