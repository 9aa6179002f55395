package dev.dockerdoctor.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dockerdoctor.fleet.LinkMessage;
import dev.dockerdoctor.fleet.LinkMessage.NoticeKind;
import dev.dockerdoctor.store.StateJson;
import dev.dockerdoctor.testing.RecordingNotifier;
import dev.dockerdoctor.watch.DeliveryException;
import dev.dockerdoctor.watch.Incident;
import dev.dockerdoctor.watch.IncidentState;
import dev.dockerdoctor.watch.ThreadRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hub's side of an agent's incident: posted by that host's notifier, once however often the agent tells it
 * (lost answers, agent or hub restarts), and a chat's refusal handed back to the agent as something it can retry.
 */
class HubIncidentsTest {
    static final Instant T = Instant.parse("2021-10-07T04:21:00Z");
    @TempDir Path state;
    final Map<String, RecordingNotifier> chats = new HashMap<>();

    HubIncidents hub() {
        return new HubIncidents(state, host -> chats.computeIfAbsent(host, h -> new RecordingNotifier()));
    }

    static JsonNode incident(String id, String host) {
        return StateJson.MAPPER.valueToTree(new Incident(id, host, IncidentState.OPEN, T, T, T, null, null,
                List.of(), List.of(), 0, null, List.of(), 1, null));
    }

    static LinkMessage.Notice notice(String id, NoticeKind kind, JsonNode incident) {
        return new LinkMessage.Notice(id, kind, incident, null, null, 0);
    }

    static ThreadRef thread(LinkMessage.Answer a) throws Exception {
        assertThat(a.error()).as("answer error").isNull();
        return StateJson.MAPPER.treeToValue(a.thread(), ThreadRef.class);
    }

    @Test
    void anOpeningToldTwiceOrAfterARestartIsPostedOnceAndFoundByItsHost() throws Exception {
        HubIncidents hub = hub();
        ThreadRef first = thread(hub.notice("cache-1", notice("n1", NoticeKind.OPENED, incident("inc-1", "cache-1"))));
        ThreadRef again = thread(hub.notice("cache-1", notice("n2", NoticeKind.OPENED, incident("inc-1", "cache-1"))));
        assertThat(again).isEqualTo(first);
        assertThat(chats.get("cache-1").succeeded(RecordingNotifier.Op.OPENED)).hasSize(1);

        HubIncidents restarted = hub();
        assertThat(thread(restarted.notice("cache-1", notice("n3", NoticeKind.FIND, incident("inc-1", "cache-1")))))
                .isEqualTo(first);
        assertThat(thread(restarted.notice("cache-1", notice("n4", NoticeKind.OPENED, incident("inc-1", "cache-1")))))
                .isEqualTo(first);
        assertThat(chats.get("cache-1").succeeded(RecordingNotifier.Op.OPENED)).as("nothing posted twice").hasSize(1);

        LinkMessage.Answer other = restarted.notice("web-2", notice("n5", NoticeKind.FIND, incident("inc-1", "web-2")));
        assertThat(other.thread()).as("the same incident id on another host is another incident").isNull();
        thread(restarted.notice("web-2", notice("n6", NoticeKind.OPENED, incident("inc-1", "web-2"))));
        assertThat(chats.get("web-2").succeeded(RecordingNotifier.Op.OPENED)).hasSize(1);
    }

    @Test
    void aChatsRefusalGoesBackToTheAgentAsSomethingToRetry() throws Exception {
        HubIncidents hub = hub();
        chats.put("cache-1", new RecordingNotifier().failNext(
                DeliveryException.rateLimited("ratelimited", Duration.ofSeconds(7)),
                DeliveryException.needsPerson("not_in_channel")));
        LinkMessage.Answer limited = hub.notice("cache-1", notice("n1", NoticeKind.OPENED, incident("inc-1", "cache-1")));
        assertThat(limited.error()).isEqualTo("ratelimited");
        assertThat(limited.retryAfterSeconds()).isEqualTo(7);
        assertThat(limited.needsPerson()).isFalse();
        LinkMessage.Answer refused = hub.notice("cache-1", notice("n2", NoticeKind.OPENED, incident("inc-1", "cache-1")));
        assertThat(refused.needsPerson()).isTrue();
        assertThat(refused.id()).isEqualTo("n2");
        thread(hub.notice("cache-1", notice("n3", NoticeKind.OPENED, incident("inc-1", "cache-1"))));
        assertThat(chats.get("cache-1").succeeded(RecordingNotifier.Op.OPENED)).hasSize(1);
    }

    @Test
    void aNoticeTheHubCannotReadIsRefusedAndAJunkThreadsFileCostsNoStart() throws Exception {
        Path file = state.resolve("fleet").resolve("threads.json");
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[] {0x00, (byte) 0xff, '{', 'x'});
        HubIncidents hub = hub();
        LinkMessage.Answer junk = hub.notice("cache-1", notice("n1", NoticeKind.OPENED,
                StateJson.MAPPER.readTree("{\"id\": [1, 2], \"state\": \"NO_SUCH_STATE\"}")));
        assertThat(junk.error()).contains("cannot read");
        assertThat(junk.needsPerson()).as("retrying the same junk cannot help").isTrue();
        LinkMessage.Answer none = hub.notice("cache-1", notice("n2", NoticeKind.UPDATED, null));
        assertThat(none.error()).contains("cannot read");
        assertThat(chats.getOrDefault("cache-1", new RecordingNotifier()).calls()).isEmpty();

        ThreadRef posted = thread(hub.notice("cache-1", notice("n3", NoticeKind.OPENED, incident("inc-2", "cache-1"))));
        assertThat(StateJson.MAPPER.readTree(file.toFile()).path("cache-1/inc-2").path("ts").asText())
                .as("the junk file is replaced by a readable one").isEqualTo(posted.ts());
        try (var aside = Files.list(file.getParent())) {
            assertThat(aside.filter(f -> f.getFileName().toString().startsWith("threads.json.corrupt-")).toList())
                    .as("the junk is kept aside, not lost").singleElement()
                    .satisfies(f -> assertThat(Files.readAllBytes(f)).containsExactly(0x00, (byte) 0xff, '{', 'x'));
        }
    }

    static JsonNode incident(String id, String host, Instant at, IncidentState state, dev.dockerdoctor.watch.SignalKind kind) {
        return StateJson.MAPPER.valueToTree(new Incident(id, host, state, at, at, at,
                state == IncidentState.RESOLVED ? at.plusSeconds(60) : null, state == IncidentState.RESOLVED ? Duration.ofSeconds(60) : null,
                List.of(new dev.dockerdoctor.watch.SignalRecord(kind, "docker", "Docker daemon unreachable", at, at, null)),
                List.of(), 0, null, List.of(), 1, null));
    }

    @Test
    void oneCauseOnSeveralHostsWithinFifteenMinutesSharesOneRootMessageAndEachHostHasItsCardInItsThread() throws Exception {
        RecordingNotifier chat = new RecordingNotifier();
        Map<String, RecordingNotifier> shared = new HashMap<>();
        java.util.function.Function<String, dev.dockerdoctor.watch.IncidentNotifier> byHost =
                h -> shared.computeIfAbsent(h, x -> chat.sameChat());
        var down = dev.dockerdoctor.watch.SignalKind.DAEMON_UNREACHABLE;
        HubIncidents hub = new HubIncidents(state, byHost);
        ThreadRef root = thread(hub.notice("host-a", notice("1", NoticeKind.OPENED, incident("inc-1", "host-a", T, IncidentState.OPEN, down))));
        ThreadRef b = thread(hub.notice("host-b", notice("2", NoticeKind.OPENED,
                incident("inc-7", "host-b", T.plusSeconds(120), IncidentState.OPEN, down))));
        assertThat(b.replies()).containsEntry(ThreadRef.GROUP_THREAD, root.ts());
        assertThat(shared.get("host-a").succeeded(RecordingNotifier.Op.OPENED_IN)).as("host-a moves into a card, once").hasSize(1);
        assertThat(shared.get("host-b").succeeded(RecordingNotifier.Op.OPENED)).as("no second root message").isEmpty();
        assertThat(shared.get("host-a").groupEdits()).singleElement().satisfies(e -> {
            assertThat(e.rootTs()).isEqualTo(root.ts());
            assertThat(e.group().members()).extracting(Incident::host).containsExactly("host-a", "host-b");
            assertThat(e.group().cause()).isEqualTo("daemon-unreachable");
        });

        ThreadRef other = thread(hub.notice("host-d", notice("3", NoticeKind.OPENED,
                incident("inc-2", "host-d", T.plusSeconds(180), IncidentState.OPEN, dev.dockerdoctor.watch.SignalKind.URL_DOWN))));
        assertThat(other.ts()).as("another cause: a root of its own").isNotEqualTo(root.ts());
        ThreadRef late = thread(hub.notice("host-c", notice("4", NoticeKind.OPENED,
                incident("inc-3", "host-c", T.plusSeconds(20 * 60), IncidentState.OPEN, down))));
        assertThat(late.replies()).as("20 minutes later: a root of its own").doesNotContainKey(ThreadRef.GROUP_THREAD);

        // host-a's updates now edit its card, never the group's root; the root is edited to list both
        HubIncidents restarted = new HubIncidents(state, byHost);
        thread(restarted.notice("host-a", notice("5", NoticeKind.UPDATED, incident("inc-1", "host-a", T, IncidentState.MITIGATING, down))));
        String card = shared.get("host-a").succeeded(RecordingNotifier.Op.OPENED_IN).get(0).ts();
        assertThat(shared.get("host-a").calls(RecordingNotifier.Op.UPDATED)).singleElement()
                .satisfies(c -> assertThat(c.ts()).isEqualTo(card));
        assertThat(shared.get("host-a").groupEdits()).last().satisfies(e -> assertThat(e.group().members())
                .extracting(Incident::state).containsExactly(IncidentState.MITIGATING, IncidentState.OPEN));
        restarted.notice("host-a", notice("6", NoticeKind.RESOLVED, incident("inc-1", "host-a", T, IncidentState.RESOLVED, down)));
        restarted.notice("host-b", notice("7", NoticeKind.RESOLVED, incident("inc-7", "host-b", T.plusSeconds(120), IncidentState.RESOLVED, down)));
        assertThat(shared.get("host-a").groupEdits()).last().satisfies(e -> assertThat(e.group().open()).isFalse());
        thread(restarted.notice("host-d", notice("8a", NoticeKind.RESOLVED,
                incident("inc-2", "host-d", T.plusSeconds(180), IncidentState.RESOLVED, dev.dockerdoctor.watch.SignalKind.URL_DOWN))));
        HubIncidents again = new HubIncidents(state, byHost);
        ThreadRef alone = thread(again.notice("host-f", notice("8b", NoticeKind.OPENED,
                incident("inc-4", "host-f", T.plusSeconds(200), IncidentState.OPEN, dev.dockerdoctor.watch.SignalKind.URL_DOWN))));
        assertThat(alone.replies()).as("host-d's incident, alone and resolved before the restart, takes nobody in after it")
                .doesNotContainKey(ThreadRef.GROUP_THREAD);
        ThreadRef after = thread(again.notice("host-e", notice("8", NoticeKind.OPENED,
                incident("inc-9", "host-e", T.plusSeconds(240), IncidentState.OPEN, down))));
        assertThat(after.replies()).as("a closed group takes nobody in").doesNotContainKey(ThreadRef.GROUP_THREAD);
    }
}
