package dev.dockerdoctor.slack;

import com.slack.api.Slack;
import com.slack.api.bolt.util.Responder;
import dev.dockerdoctor.recovery.StepOutcome;
import dev.dockerdoctor.recovery.StepRunner;
import dev.dockerdoctor.slack.message.HomeState;
import dev.dockerdoctor.testing.standin.SlackStandIn;
import dev.dockerdoctor.watch.Maintenance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /docker-status maintenance}: who may, what the desk is asked, what the typist reads. */
class MaintenanceCommandTest {
    private static SlackStandIn slack;
    private static SlackBot bot;
    private static final AtomicReference<Maintenance> window = new AtomicReference<>();

    @BeforeAll
    static void wire() throws Exception {
        slack = new SlackStandIn();
        WatchDesk desk = new WatchDesk() {
            @Override
            public HomeState home() { return HomeState.nothingKnown(); }

            @Override
            public Optional<Maintenance> maintenance() { return Optional.ofNullable(window.get()); }

            @Override
            public Maintenance startMaintenance(String user, Instant until, String reason) {
                window.set(Maintenance.start(user, Instant.now(), until, reason));
                return window.get();
            }

            @Override
            public Optional<Maintenance> endMaintenance(String user) {
                return Optional.ofNullable(window.getAndSet(null)).map(m -> m.ended(Instant.now(), user));
            }
        };
        bot = new SlackBot(since -> TestDiagnoses.incident(), new InMemoryReportStore(4),
                new SlackBot.Options("build-01", Set.of("U0ALICE"), Clock.systemUTC(), ZoneOffset.UTC, 1, 4),
                new StepRunner() {
                    @Override
                    public boolean mayRun(String user) { return user.equals("U0ALICE"); }

                    @Override
                    public StepOutcome run(String stepId, String user, String reference, Consumer<String> progress) {
                        throw new AssertionError("no step runs here");
                    }
                }, desk);
    }

    @AfterAll
    static void close() throws Exception {
        bot.close();
        slack.close();
    }

    private static String answer(String text, String user, String name) throws Exception {
        StatusRequest r = StatusRequest.parse(text, Instant.now(), ZoneOffset.UTC);
        bot.maintenance(r.maintenance(), user, new Responder(Slack.getInstance(), slack.responseUrl(name)));
        return readable(slack.awaitPath("/response/" + name, Duration.ofSeconds(10)).orElseThrow().body());
    }

    /** Every string of the JSON answer, one a line, as a reader sees them (Gson writes {@code <} as an escape). */
    private static String readable(String json) {
        StringBuilder out = new StringBuilder();
        strings(com.google.gson.JsonParser.parseString(json), out);
        return out.toString();
    }

    private static void strings(com.google.gson.JsonElement e, StringBuilder out) {
        if (e.isJsonPrimitive()) out.append(e.getAsString()).append('\n');
        else if (e.isJsonArray()) e.getAsJsonArray().forEach(x -> strings(x, out));
        else if (e.isJsonObject()) e.getAsJsonObject().entrySet().forEach(x -> strings(x.getValue(), out));
    }

    @Test
    void onlyAnAdminStartsAndEndsItAndAnyoneMayAskAboutIt() throws Exception {
        assertThat(answer("maintenance 2h upgrading Docker", "U0BOB", "bob-start"))
                .contains("Only admins may start or end maintenance").contains("<@U0ALICE>").contains("ephemeral");
        assertThat(window.get()).as("a stranger starts nothing").isNull();

        assertThat(answer("maintenance 2h upgrading Docker", "U0ALICE", "alice-start")).contains("Maintenance until <!date^")
                .contains("upgrading Docker");
        Maintenance m = window.get();
        assertThat(m.by()).isEqualTo("U0ALICE");
        assertThat(Duration.between(m.startedAt(), m.until())).isBetween(Duration.ofMinutes(119), Duration.ofMinutes(121));

        assertThat(answer("maintenance", "U0BOB", "bob-asks")).contains("left), started by <@U0ALICE>");
        assertThat(answer("maintenance end", "U0BOB", "bob-ends")).contains("Only admins");
        assertThat(window.get()).isNotNull();
        assertThat(answer("maintenance end", "U0ALICE", "alice-ends")).contains("Maintenance ended");
        assertThat(window.get()).isNull();
        assertThat(answer("maintenance end", "U0ALICE", "alice-ends-again")).contains("No maintenance under way");
    }

    @Test
    void withoutAWatchThereIsNothingToHoldBack() throws Exception {
        SlackBot plain = new SlackBot(since -> TestDiagnoses.incident(), new InMemoryReportStore(4),
                new SlackBot.Options("build-01", Set.of("U0ALICE"), Clock.systemUTC(), ZoneOffset.UTC, 1, 4),
                new StepRunner() {
                    @Override
                    public boolean mayRun(String user) { return true; }

                    @Override
                    public StepOutcome run(String stepId, String user, String reference, Consumer<String> progress) {
                        throw new AssertionError("no step runs here");
                    }
                });
        try {
            StatusRequest r = StatusRequest.parse("maintenance 1h", Instant.now(), ZoneOffset.UTC);
            plain.maintenance(r.maintenance(), "U0ALICE", new Responder(Slack.getInstance(), slack.responseUrl("plain")));
            assertThat(readable(slack.awaitPath("/response/plain", Duration.ofSeconds(10)).orElseThrow().body()))
                    .contains("does not watch its host");
        } finally {
            plain.close();
        }
    }
}
