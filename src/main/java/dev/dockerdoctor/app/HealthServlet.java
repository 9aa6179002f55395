package dev.dockerdoctor.app;

import com.google.gson.JsonPrimitive;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code GET /healthz}: the bot's own health. It answers 200 while the bot serves, whatever Docker does: a Docker
 * outage is exactly when the bot is needed, so a container health check must not restart it then.
 */
final class HealthServlet extends HttpServlet {
    private final String mode;
    private final Supplier<String> slackState;
    private final Supplier<Optional<String>> authProblem;
    private final Instant started = Instant.now();

    /** @param authProblem what the last check of the bot token found wrong, while it fails (the bot keeps serving) */
    HealthServlet(String mode, Supplier<String> slackState, Supplier<Optional<String>> authProblem) {
        this.mode = mode;
        this.slackState = slackState;
        this.authProblem = authProblem;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setStatus(200);
        resp.setContentType("application/json");
        resp.setHeader("Cache-Control", "no-store");
        long up = Duration.between(started, Instant.now()).toSeconds();
        resp.getWriter().write("{\"status\":\"ok\",\"mode\":\"" + mode + "\",\"slack\":\"" + slackState.get()
                + "\",\"auth\":" + new JsonPrimitive(authProblem.get().orElse("verified"))
                + ",\"uptimeSeconds\":" + up + ",\"version\":\"" + Version.get() + "\"}");
    }
}
