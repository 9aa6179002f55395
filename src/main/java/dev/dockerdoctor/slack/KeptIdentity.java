package dev.dockerdoctor.slack;

import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.context.Context;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.middleware.MiddlewareOps;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.response.Response;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.auth.AuthTestResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Bolt's single-team authorization, except that an identity Slack has confirmed once is kept. Bolt asks auth.test
 * again every ten minutes and, when that one call fails (Slack answering 500, 429, or nothing), turns every request
 * away with 401 until the next try: the bot goes deaf exactly when Slack has a bad minute. Here a request is served
 * on the identity already verified; a timer asks again ({@link #recheck}), and what fails is logged and kept for
 * {@code /healthz}.
 */
public final class KeptIdentity implements Middleware {
    private static final Logger log = LoggerFactory.getLogger(KeptIdentity.class);

    private final AppConfig config;
    private final Clock clock;
    private final AtomicReference<AuthTestResponse> verified = new AtomicReference<>();
    private final AtomicReference<String> problem = new AtomicReference<>();
    private final AtomicReference<Instant> failingSince = new AtomicReference<>();

    public KeptIdentity(AppConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    @Override
    public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
        if (MiddlewareOps.isNoAuthRequiredRequest(req.getRequestType()) || MiddlewareOps.isNoTokenRequiredRequest(req)) {
            return chain.next(req);
        }
        AuthTestResponse id = verified.get() != null ? verified.get() : ask().orElse(null);
        if (id == null) {
            return Response.builder().statusCode(401).contentType("application/json")
                    .body("{\"error\":\"the bot token is not verified yet\"}").build();
        }
        Context ctx = req.getContext();
        ctx.setBotToken(config.getSingleTeamBotToken());
        ctx.setAuthTestResponse(id);
        ctx.setBotUserId(id.getUserId());
        ctx.setBotId(id.getBotId());
        ctx.setTeamId(id.getTeamId());
        ctx.setEnterpriseId(id.getEnterpriseId());
        return chain.next(req);
    }

    /** Asks Slack again; the identity already verified stays whatever the answer. */
    public void recheck() {
        ask();
    }

    /** Why the identity is not confirmed now ("failing since ...: ...", "not verified yet: ..."); empty while it is. */
    public Optional<String> problem() {
        String p = problem.get();
        if (p == null && verified.get() == null) return Optional.of("not verified yet: Slack has not confirmed the bot token");
        return Optional.ofNullable(p);
    }

    /** The workspace's URL as auth.test said it ({@code https://team.slack.com/}); empty while nothing is verified. */
    public Optional<String> teamUrl() {
        return Optional.ofNullable(verified.get()).map(AuthTestResponse::getUrl);
    }

    /** Starts from an identity Slack confirmed already (start-up's auth.test); a failed answer is not kept. */
    public void verified(AuthTestResponse r) {
        if (r.isOk()) verified.compareAndSet(null, r);
    }

    /**
     * A payload from the workspace the token belongs to, and for this app when Slack names both: a user id means an
     * admin only there, since another workspace may have a user of the same id. False while nothing is verified.
     */
    public boolean isOurs(String teamId, String apiAppId) {
        AuthTestResponse id = verified.get();
        if (id == null || teamId == null || !teamId.equals(id.getTeamId())) return false;
        String app = id.getAppId();
        return apiAppId == null || app == null || app.isBlank() || app.equals(apiAppId);
    }

    private Optional<AuthTestResponse> ask() {
        String failure;
        try {
            AuthTestResponse r = config.getSlack().methods(config.getSingleTeamBotToken()).authTest(q -> q);
            if (r.isOk()) {
                verified.set(r);
                failingSince.set(null);
                if (problem.getAndSet(null) != null) log.info("auth.test answers again: serving as {} in {}", r.getUser(), r.getTeam());
                return Optional.of(r);
            }
            failure = "auth.test answered " + r.getError();
        } catch (SlackApiException e) {
            failure = "auth.test answered HTTP " + e.getResponse().code();
        } catch (IOException e) {
            failure = "auth.test failed (" + e.getClass().getSimpleName() + ")";
        }
        failingSince.compareAndSet(null, clock.instant());
        problem.set("failing since " + failingSince.get() + ": " + failure);
        log.warn("{}; {}", failure, verified.get() == null ? "requests wait until Slack confirms the token"
                : "serving on the identity verified before");
        return Optional.empty();
    }
}
