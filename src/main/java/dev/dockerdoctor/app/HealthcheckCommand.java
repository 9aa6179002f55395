package dev.dockerdoctor.app;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code healthcheck}: asks the running bot's {@code GET /healthz} on 127.0.0.1:DOCTOR_PORT ({@link Healthz}); exit 0 when it answers
 * 200, else 1. For container images that have no curl.
 */
@Command(name = "healthcheck", mixinStandardHelpOptions = true,
        description = "Ask the running bot (GET http://127.0.0.1:$DOCTOR_PORT/healthz): exit 0 if it answers 200, else 1.")
public final class HealthcheckCommand implements Callable<Integer> {
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
        return Healthz.ask(port, complain);
    }
}
