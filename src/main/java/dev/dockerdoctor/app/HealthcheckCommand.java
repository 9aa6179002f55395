package dev.dockerdoctor.app;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code healthcheck}: asks the running bot's {@code GET /healthz} on 127.0.0.1:DOCTOR_PORT; exit 0 when it answers
 * 200, else 1. For container images that have no curl.
 */
@Command(name = "healthcheck", mixinStandardHelpOptions = true,
        description = "Ask the running bot (GET http://127.0.0.1:$DOCTOR_PORT/healthz): exit 0 if it answers 200, else 1.")
public final class HealthcheckCommand implements Callable<Integer> {
    static final Duration TIMEOUT = Duration.ofSeconds(3);

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;

    public HealthcheckCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        int port;
        try {
            port = Settings.fromEnv(env).port();
        } catch (SettingsException e) {
            spec.commandLine().getErr().println("healthcheck: " + e.getMessage());
            return 1;
        }
        return check(port, msg -> spec.commandLine().getErr().println("healthcheck: " + msg));
    }

    static int check(int port, java.util.function.Consumer<String> complain) {
        URI uri = URI.create("http://127.0.0.1:" + port + BotServer.HEALTH_PATH);
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
            HttpResponse<Void> r = client.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() == 200) return 0;
            complain.accept(uri + " answered " + r.statusCode());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            complain.accept("interrupted");
            return 1;
        } catch (Exception e) {
            complain.accept("no answer from " + uri + " (" + e.getClass().getSimpleName() + ")");
            return 1;
        }
    }
}
