package dev.dockerdoctor.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import dev.dockerdoctor.testing.NoSteps;
import dev.dockerdoctor.testing.standin.SlackPayloads;
import dev.dockerdoctor.testing.standin.SlackSigner;
import dev.dockerdoctor.testing.standin.SlackStandIn;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 20, item 7: one failed auth.test must not lock the bot out. Bolt keeps auth.test's answer ten minutes, then
 * asks again and, when Slack answers badly, refuses every request until the next ten minutes are up. The cache is
 * made to expire at once here, which is where a bot up for over ten minutes stands.
 */
class KeptIdentityTest {
    private static final String SECRET = "kept-identity-secret";
    private static final String TOKEN = "xoxb-kept-identity";

    private static Response help(App app, SlackStandIn slack) throws Exception {
        String body = SlackPayloads.slashCommand("help", "U0BOB", slack.responseUrl("help"));
        long ts = System.currentTimeMillis() / 1000;
        return app.run(new SlashCommandRequest(body, new RequestHeaders(Map.of(
                "content-type", List.of("application/x-www-form-urlencoded"),
                "x-slack-request-timestamp", List.of(Long.toString(ts)),
                "x-slack-signature", List.of(SlackSigner.sign(SECRET, ts, body))))));
    }

    @Test
    void aBotThatVerifiedItsTokenKeepsServingWhenAuthTestFailsAndSaysSo() throws Exception {
        try (SlackStandIn slack = new SlackStandIn();
             SlackBot bot = new SlackBot(since -> TestDiagnoses.incident(), new InMemoryReportStore(4),
                     new SlackBot.Options("build-01", Set.of(), Clock.systemUTC(), ZoneOffset.UTC, 1, 4), new NoSteps())) {
            AppConfig config = SlackBot.appConfig(SlackBot.slack(slack.apiUrl()), TOKEN, SECRET);
            config.setAuthTestCacheExpirationMillis(1);
            App app = bot.app(config);
            assertThat(help(app, slack).getStatusCode()).isEqualTo(200);
            assertThat(bot.identityProblem()).isEmpty();

            slack.refuseToken(TOKEN);
            Thread.sleep(20);
            assertThat(help(app, slack).getStatusCode()).as("served on the identity verified before").isEqualTo(200);

            bot.recheckIdentity();
            assertThat(bot.identityProblem()).hasValueSatisfying(p -> assertThat(p).startsWith("failing since ")
                    .endsWith("auth.test answered invalid_auth"));
            assertThat(help(app, slack).getStatusCode()).isEqualTo(200);
        }
    }
}
