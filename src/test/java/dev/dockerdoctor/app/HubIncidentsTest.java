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
}
