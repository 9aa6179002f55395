package dev.dockerdoctor.app;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Asking the running bot {@code GET http://127.0.0.1:PORT/healthz}: 0 on 200, else 1, saying why. The one request
 * behind {@code healthcheck} (for people, with messages) and the image's health check ({@link #main}: as small a JVM
 * start as it can be, no picocli, no settings, no logging, JDK's plain HTTP connection).
 */
public final class Healthz {
    static final Duration TIMEOUT = Duration.ofSeconds(3);

    private Healthz() {
    }

    public static void main(String[] args) {
        String port = System.getenv(Env.DOCTOR_PORT);
        if (port == null || !port.strip().matches("\\d{1,5}")) port = "3000";
        System.exit(ask(Integer.parseInt(port.strip()), why -> { }));
    }

    static int ask(int port, Consumer<String> complain) {
        URI uri = URI.create("http://127.0.0.1:" + port + BotServer.HEALTH_PATH);
        try {
            HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
            c.setConnectTimeout((int) TIMEOUT.toMillis());
            c.setReadTimeout((int) TIMEOUT.toMillis());
            int status = c.getResponseCode();
            if (status == 200) return 0;
            complain.accept(uri + " answered " + status);
            return 1;
        } catch (IOException | RuntimeException e) {
            complain.accept("no answer from " + uri + " (" + e.getClass().getSimpleName() + ")");
            return 1;
        }
    }
}
