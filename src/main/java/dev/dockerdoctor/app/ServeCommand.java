package dev.dockerdoctor.app;

import dev.dockerdoctor.slack.DiagnosisSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * {@code serve}: the Slack bot. Settings come from the environment only (see README, "Settings"); a missing or
 * malformed one stops start-up with a message naming it (exit 2), optional ones left out are said once.
 * Runs until the process is told to stop (SIGTERM/SIGINT), then finishes the Slack work in hand.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run the Slack bot: /docker-status with buttons, over HTTP (POST /slack/events) or Socket Mode"
                + " (when SLACK_APP_TOKEN is set), and GET /healthz on DOCTOR_PORT.",
                "Needs SLACK_BOT_TOKEN, and SLACK_SIGNING_SECRET in HTTP mode."})
public final class ServeCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    @Spec
    CommandSpec spec;

    private final Function<Settings, DiagnosisSource> sources;

    /** @param sources builds the real diagnosis source from the settings (the agent: evidence, then the doctor) */
    public ServeCommand(Function<Settings, DiagnosisSource> sources) {
        this.sources = sources;
    }

    @Override
    public Integer call() throws Exception {
        Settings settings;
        try {
            settings = Settings.fromEnv(System.getenv());
            settings.requireForServe();
        } catch (SettingsException e) {
            spec.commandLine().getErr().println("serve: " + e.getMessage());
            return 2;
        }
        settings.notesForServe().forEach(log::info);
        BotServer server;
        try {
            server = BotServer.start(settings, sources.apply(settings));
        } catch (SettingsException e) {
            spec.commandLine().getErr().println("serve: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            log.error("serve could not start", e);
            spec.commandLine().getErr().println("serve: could not start (" + e.getClass().getSimpleName() + "); see the log above");
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                log.warn("Stopping", e);
            } finally {
                stopped.countDown();
            }
        }, "doctor-shutdown"));
        server.join();
        stopped.await();
        return 0;
    }
}
