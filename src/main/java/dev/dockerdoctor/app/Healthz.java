package dev.dockerdoctor.app;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;

/**
 * The image's health check, as small a JVM start as it can be: no picocli, no settings, no logging; asks
 * {@code GET http://127.0.0.1:$DOCTOR_PORT/healthz} and exits 0 on 200, else 1. {@code healthcheck} is the same
 * question for people, with messages.
 */
public final class Healthz {
    private Healthz() {
    }

    public static void main(String[] args) {
        String port = System.getenv(Env.DOCTOR_PORT);
        if (port == null || !port.strip().matches("\\d{1,5}")) port = "3000";
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port.strip() + BotServer.HEALTH_PATH)
                    .toURL().openConnection();
            c.setConnectTimeout((int) HealthcheckCommand.TIMEOUT.toMillis());
            c.setReadTimeout((int) HealthcheckCommand.TIMEOUT.toMillis());
            System.exit(c.getResponseCode() == 200 ? 0 : 1);
        } catch (IOException | RuntimeException e) {
            System.exit(1);
        }
    }
}
