package dev.dockerdoctor.check;

import com.slack.api.Slack;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.auth.AuthTestResponse;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import dev.dockerdoctor.slack.SlackBot;
import dev.dockerdoctor.slack.SlackScopes;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Slack half of {@code check}: the tokens' and secret's shape, then Slack itself (auth.test for the bot token and
 * its scopes, apps.connections.open for the app token, conversations.history for the channel). Read-only: it posts
 * nothing. No token ever appears in what it says, only its first letters.
 */
public final class SlackSetup {
    /** What {@code check} needs of the Slack settings. */
    public record Side(String botToken, String signingSecret, String appToken, String apiUrl, String channel,
                       Set<String> admins) {
        boolean socketMode() { return appToken != null; }
    }

    private static final Pattern SIGNING_SECRET = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern USER_ID = Pattern.compile("[UW][A-Z0-9]{2,}");
    private static final Pattern CHANNEL_ID = Pattern.compile("[CGD][A-Z0-9]{2,}");

    private SlackSetup() {
    }

    public static List<SetupCheck> check(Side side) {
        List<SetupCheck> out = new ArrayList<>();
        out.add(mode(side));
        SetupCheck bot = botTokenShape(side.botToken());
        out.add(bot);
        out.add(signingSecretShape(side.signingSecret(), side.socketMode()));
        SetupCheck app = side.socketMode() ? appTokenShape(side.appToken()) : null;
        if (app != null) out.add(app);
        out.add(admins(side.admins()));
        Slack slack = SlackBot.slack(side.apiUrl());
        Optional<Set<String>> granted = Optional.empty();
        if (bot.status() == SetupCheck.Status.FAIL) {
            out.add(SetupCheck.skip("slack-auth", "not asked: the bot token is not usable"));
        } else {
            AuthAnswer auth = authTest(slack, side.botToken(), side.apiUrl());
            out.add(auth.check());
            granted = auth.scopes();
            if (auth.check().status() == SetupCheck.Status.OK) out.add(scopes(granted));
        }
        if (app != null && app.status() != SetupCheck.Status.FAIL) {
            out.add(appTokenWorks(slack, side.appToken()));
        }
        out.add(channel(slack, side, granted));
        return out;
    }

    static SetupCheck mode(Side side) {
        return SetupCheck.ok("slack-mode", side.socketMode()
                ? "Socket Mode (SLACK_APP_TOKEN is set): no public URL needed"
                : "HTTP mode (no SLACK_APP_TOKEN): Slack must reach POST /slack/events through your reverse proxy");
    }

    static SetupCheck botTokenShape(String token) {
        String name = "bot-token";
        if (token == null) return SetupCheck.fail(name, "SLACK_BOT_TOKEN is not set",
                "copy the Bot User OAuth Token (xoxb-...) from OAuth & Permissions");
        Optional<SetupCheck> quoted = quoted(name, "SLACK_BOT_TOKEN", token);
        if (quoted.isPresent()) return quoted.get();
        if (token.startsWith("xoxb-")) return SetupCheck.ok(name, "SLACK_BOT_TOKEN is a bot token (xoxb-)");
        String kind = token.startsWith("xoxp-") ? "a user token (xoxp-)"
                : token.startsWith("xapp-") ? "an app-level token (xapp-), which belongs in SLACK_APP_TOKEN"
                : "not a bot token (it should start with xoxb-)";
        return SetupCheck.fail(name, "SLACK_BOT_TOKEN is " + kind,
                "use the Bot User OAuth Token (xoxb-...) from OAuth & Permissions");
    }

    static SetupCheck signingSecretShape(String secret, boolean socketMode) {
        String name = "signing-secret";
        if (secret == null) {
            return socketMode ? SetupCheck.ok(name, "not needed in Socket Mode (not set)")
                    : SetupCheck.fail(name, "SLACK_SIGNING_SECRET is not set: HTTP mode refuses every request without it",
                    "copy the Signing Secret from Basic Information > App Credentials, or set SLACK_APP_TOKEN for Socket Mode");
        }
        Optional<SetupCheck> quoted = quoted(name, "SLACK_SIGNING_SECRET", secret);
        if (quoted.isPresent()) return quoted.get();
        if (SIGNING_SECRET.matcher(secret).matches()) {
            return SetupCheck.ok(name, "SLACK_SIGNING_SECRET has a signing secret's shape (32 hex characters)"
                    + (socketMode ? "; Socket Mode does not use it" : ""));
        }
        return SetupCheck.warn(name, "SLACK_SIGNING_SECRET is " + secret.length() + " characters, not the 32 hex characters Slack gives",
                "copy the Signing Secret again (not the Client Secret or a token): a wrong one gets every request 401");
    }

    static SetupCheck appTokenShape(String token) {
        String name = "app-token";
        Optional<SetupCheck> quoted = quoted(name, "SLACK_APP_TOKEN", token);
        if (quoted.isPresent()) return quoted.get();
        if (token.startsWith("xapp-")) return SetupCheck.ok(name, "SLACK_APP_TOKEN is an app-level token (xapp-)");
        return SetupCheck.fail(name, "SLACK_APP_TOKEN does not start with xapp-",
                "create an app-level token with the scope connections:write (Basic Information > App-Level Tokens),"
                        + " or leave SLACK_APP_TOKEN empty for HTTP mode");
    }

    static SetupCheck admins(Set<String> admins) {
        String name = "admins";
        if (admins.isEmpty()) return SetupCheck.warn(name, "DOCTOR_ADMINS is empty: read-only, nobody can run a step",
                "list the Slack user ids (U...) who may press recovery buttons");
        List<String> odd = admins.stream().filter(a -> !USER_ID.matcher(a).matches()).sorted().toList();
        if (!odd.isEmpty()) return SetupCheck.fail(name, "DOCTOR_ADMINS holds " + String.join(", ", odd)
                        + ", which " + (odd.size() == 1 ? "is not a user id" : "are not user ids"),
                "use member ids (U0123ABCD: profile > ... > Copy member ID), not names or @handles");
        return SetupCheck.ok(name, admins.size() + (admins.size() == 1 ? " admin" : " admins") + " may run steps");
    }

    /** The scopes the manifests ask for that the token lacks: required ones fail, the others warn. */
    static SetupCheck scopes(Optional<Set<String>> granted) {
        String name = "slack-scopes";
        if (granted.isEmpty()) return SetupCheck.skip(name, "Slack did not say which scopes the token has");
        List<SlackScopes.Scope> missing = SlackScopes.BOT.stream().filter(s -> !granted.get().contains(s.name())).toList();
        if (missing.isEmpty()) return SetupCheck.ok(name, "the token has every scope the manifest asks for");
        boolean broken = missing.stream().anyMatch(SlackScopes.Scope::required);
        String said = "the token lacks " + String.join("; ", missing.stream().map(s -> s.name() + " (" + s.usedFor() + ")").toList());
        String todo = "add " + String.join(", ", missing.stream().map(SlackScopes.Scope::name).toList())
                + " under OAuth & Permissions (or recreate the app from manifest.yml), then reinstall the app";
        return broken ? SetupCheck.fail(name, said, todo) : SetupCheck.warn(name, said, todo);
    }

    /**
     * Whether the bot can post in the channel, read from conversations.history's answer (the manifests grant no
     * channels:read): ok means it is a member; not_in_channel means a public channel it is not in, fine with
     * chat:write.public; channel_not_found means a wrong id, or a private channel it was not invited to.
     */
    static SetupCheck channelVerdict(String channel, String error, Optional<Set<String>> granted) {
        String name = "channel";
        if (error == null) return SetupCheck.ok(name, channel + ": the bot is a member and can post there");
        boolean publicWrite = granted.map(g -> g.contains(SlackScopes.CHAT_WRITE_PUBLIC)).orElse(false);
        return switch (error) {
            case "not_in_channel" -> publicWrite
                    ? SetupCheck.ok(name, channel + ": a public channel the bot is not in; it posts there with "
                    + SlackScopes.CHAT_WRITE_PUBLIC)
                    : SetupCheck.fail(name, channel + ": the bot is not in this channel and lacks " + SlackScopes.CHAT_WRITE_PUBLIC,
                    "invite it (/invite @docker-doctor in the channel) or add " + SlackScopes.CHAT_WRITE_PUBLIC);
            case "channel_not_found" -> SetupCheck.fail(name, channel + ": no channel with this id that the bot can see",
                    "check the id (channel name > View channel details, at the bottom); a private channel needs"
                            + " /invite @docker-doctor first");
            case "missing_scope" -> SetupCheck.warn(name, channel + ": could not tell whether the bot can post"
                    + " (the token lacks channels:history / groups:history)", "add both scopes, then reinstall the app");
            default -> SetupCheck.fail(name, channel + ": Slack answered " + error, "check DOCTOR_CHANNEL");
        };
    }

    private static SetupCheck channel(Slack slack, Side side, Optional<Set<String>> granted) {
        String name = "channel";
        String ch = side.channel();
        if (ch == null) return SetupCheck.warn(name, "DOCTOR_CHANNEL is not set: no incident threads will be posted",
                "set it to the channel's id (C0123ABCD), not its name");
        if (!CHANNEL_ID.matcher(ch).matches()) return SetupCheck.fail(name, "DOCTOR_CHANNEL is '" + ch + "', not a channel id",
                "use the id (C0123ABCD: channel name > View channel details, at the bottom), not #name");
        if (botTokenShape(side.botToken()).status() == SetupCheck.Status.FAIL) {
            return SetupCheck.skip(name, ch + ": not asked, the bot token is not usable");
        }
        try {
            ConversationsHistoryResponse r = slack.methods(side.botToken()).conversationsHistory(q -> q.channel(ch).limit(1));
            return channelVerdict(ch, r.isOk() ? null : r.getError(), granted);
        } catch (IOException | SlackApiException e) {
            return SetupCheck.fail(name, ch + ": Slack did not answer (" + why(e) + ")", "see slack-auth");
        }
    }

    private record AuthAnswer(SetupCheck check, Optional<Set<String>> scopes) {
    }

    private static AuthAnswer authTest(Slack slack, String token, String apiUrl) {
        String name = "slack-auth";
        try {
            AuthTestResponse r = slack.methods(token).authTest(q -> q);
            if (!r.isOk()) {
                String todo = "invalid_auth".equals(r.getError()) || "token_revoked".equals(r.getError())
                        || "account_inactive".equals(r.getError())
                        ? "copy the Bot User OAuth Token again (reinstalling the app issues a new one)"
                        : "see Slack's auth.test documentation for " + r.getError();
                return new AuthAnswer(SetupCheck.fail(name, "Slack refused the bot token: " + r.getError(), todo), Optional.empty());
            }
            return new AuthAnswer(SetupCheck.ok(name, "workspace " + r.getTeam() + " (" + r.getTeamId() + "), bot user "
                    + r.getUser() + " (" + r.getUserId() + ")"), scopesHeader(r.getHttpResponseHeaders()));
        } catch (IOException | SlackApiException e) {
            return new AuthAnswer(SetupCheck.fail(name, "no answer from " + apiUrl + "auth.test (" + why(e) + ")",
                    "check the host's network and proxy (and SLACK_API_URL if set)"), Optional.empty());
        }
    }

    private static SetupCheck appTokenWorks(Slack slack, String appToken) {
        String name = "app-token-auth";
        try {
            var r = slack.methods().appsConnectionsOpen(q -> q.token(appToken));
            if (r.isOk()) return SetupCheck.ok(name, "Slack accepts the app-level token (apps.connections.open)");
            return SetupCheck.fail(name, "Slack refused the app-level token: " + r.getError(),
                    "create a new app-level token with the scope connections:write");
        } catch (IOException | SlackApiException e) {
            return SetupCheck.fail(name, "no answer from Slack (" + why(e) + ")", "check the host's network and proxy");
        }
    }

    /** Slack names a token's scopes in the x-oauth-scopes header of every Web API answer. */
    static Optional<Set<String>> scopesHeader(Map<String, List<String>> headers) {
        if (headers == null) return Optional.empty();
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            if (h.getKey() != null && h.getKey().equalsIgnoreCase("x-oauth-scopes") && !h.getValue().isEmpty()) {
                Set<String> out = new LinkedHashSet<>();
                for (String v : h.getValue()) {
                    Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
                }
                return Optional.of(out);
            }
        }
        return Optional.empty();
    }

    // docker run --env-file keeps quotes that a shell or systemd would strip
    private static Optional<SetupCheck> quoted(String name, String setting, String value) {
        if (value.length() >= 2 && (value.startsWith("\"") || value.startsWith("'"))) {
            return Optional.of(SetupCheck.fail(name, setting + " is wrapped in quotes",
                    "remove them: docker run --env-file keeps quotes as part of the value"));
        }
        return Optional.empty();
    }

    private static String why(Exception e) {
        if (e instanceof SlackApiException s) return "HTTP " + s.getResponse().code();
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
