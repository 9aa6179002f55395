package dev.dockerdoctor.slack;

import dev.dockerdoctor.slack.message.ButtonRef;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The small state the bot keeps: seen requests, stored reports, button references. */
class SlackStateTest {
    @Test
    void onceOnlyShouldSayFirstOnceAndForgetTheOldest() {
        OnceOnly once = new OnceOnly(2);
        assertThat(once.first("a")).isTrue();
        assertThat(once.first("a")).isFalse();
        assertThat(once.first("b")).isTrue();
        assertThat(once.first("c")).isTrue();
        assertThat(once.first("a")).as("a was the oldest and went").isTrue();
        assertThat(once.first("c")).isFalse();
    }

    @Test
    void onceOnlyWithAFileRemembersTheLastFiveMinutesAcrossARestart(@org.junit.jupiter.api.io.TempDir java.nio.file.Path state)
            throws Exception {
        java.nio.file.Path file = state.resolve(SlackBot.SEEN_REQUESTS);
        dev.dockerdoctor.testing.TestClock clock = new dev.dockerdoctor.testing.TestClock(java.time.Instant.parse("2026-12-03T06:00:00Z"));
        assertThat(new OnceOnly(16, file, clock).first("t:13345224609.click")).isTrue();
        assertThat(java.nio.file.Files.readString(file)).as("hashes only, not the trigger").doesNotContain("13345224609");

        assertThat(new OnceOnly(16, file, clock).first("t:13345224609.click")).as("replayed after a restart").isFalse();
        clock.seconds(6 * 60);
        assertThat(new OnceOnly(16, file, clock).first("t:13345224609.click")).as("older than Slack signs").isTrue();

        java.nio.file.Files.writeString(file, "\u0000\u00ffnot ours at all\n" + "a".repeat(64) + " not-a-time\n");
        assertThat(new OnceOnly(16, file, clock).first("t:other")).as("a corrupt file is started afresh").isTrue();
    }

    @Test
    void reportStoreShouldResolveStepsAndKeepOnlyTheNewest() {
        InMemoryReportStore store = new InMemoryReportStore(2);
        StoredReport first = store.save(TestDiagnoses.incident());
        assertThat(first.id()).matches("r-20241127-062714-[0-9a-f]{4}");
        assertThat(store.find(first.id())).contains(first);
        assertThat(first.step("restore-data-root")).isPresent();
        assertThat(first.step("compose-up:nope")).isEmpty();
        store.save(TestDiagnoses.healthy());
        store.save(TestDiagnoses.healthy());
        assertThat(store.find(first.id())).isEmpty();
    }

    @Test
    void buttonRefShouldRoundTripAndRefuseWhatIsNotOurs() {
        ButtonRef ref = new ButtonRef("r-1", "compose-up:gitlab");
        assertThat(ButtonRef.decode(ref.encode())).contains(ref);
        assertThat(ButtonRef.decode(ButtonRef.ofReport("r-1").encode())).contains(new ButtonRef("r-1", null));
        assertThat(ButtonRef.decode("systemctl restart docker")).isEmpty();
        assertThat(ButtonRef.decode("{\"step\":\"x\"}")).isEmpty();
        assertThat(ButtonRef.decode("[1,2]")).isEmpty();
        assertThat(ButtonRef.decode("{\"report\":{}}")).isEmpty();
        assertThat(ButtonRef.decode(null)).isEmpty();
    }
}
