package dev.dockerdoctor.app;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * {@code GET /healthz}: the bot's own health. It answers 200 while the bot serves, whatever Docker does: a Docker
 * outage is exactly when the bot is needed, so a container health check must not restart it then.
 */
final class HealthServlet extends HttpServlet {
    private final String mode;
    private final Supplier<String> slackState;
    private final Instant started = Instant.now();

    HealthServlet(String mode, Supplier<String> slackState) {
        this.mode = mode;
        this.slackState = slackState;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setStatus(200);
        resp.setContentType("application/json");
        resp.setHeader("Cache-Control", "no-store");
        long up = Duration.between(started, Instant.now()).toSeconds();
        resp.getWriter().write("{\"status\":\"ok\",\"mode\":\"" + mode + "\",\"slack\":\"" + slackState.get()
                + "\",\"uptimeSeconds\":" + up + ",\"version\":\"" + Version.get() + "\"}");
    }
}
