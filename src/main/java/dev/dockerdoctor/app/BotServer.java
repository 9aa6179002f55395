package dev.dockerdoctor.app;

import com.slack.api.Slack;
import com.slack.api.bolt.App;
import com.slack.api.bolt.jakarta_servlet.SlackAppServlet;
import com.slack.api.methods.response.auth.AuthTestResponse;
import dev.dockerdoctor.diagnosis.DiagnosisSource;
import dev.dockerdoctor.evidence.HostFiles;
import dev.dockerdoctor.recovery.StepRunner;
import dev.dockerdoctor.slack.ReportStore;
import dev.dockerdoctor.slack.SlackBot;
import dev.dockerdoctor.slack.WatchDesk;
import io.prometheus.metrics.exporter.servlet.jakarta.PrometheusMetricsServlet;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.servlet.DispatcherType;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Optional;

/**
 * {@code serve}'s wiring: one Bolt App with the bot's listeners, served over HTTP ({@code POST /slack/events}) or
 * Socket Mode (when SLACK_APP_TOKEN is set), and {@code GET /healthz} and {@code GET /metrics} over HTTP in both modes.
 */
public final class BotServer implements AutoCloseable {
    public static final String EVENTS_PATH = "/slack/events";
    public static final String HEALTH_PATH = "/healthz";
    /** Prometheus' text format, both modes. */
    public static final String METRICS_PATH = "/metrics";
    /** How many /docker-status reports the buttons can still resolve. */
    static final int REPORTS = 500;
    private static final Logger log = LoggerFactory.getLogger(BotServer.class);

    private final Server jetty;
    private final SlackBot bot;
    private final SocketModeLink socketMode;

    private BotServer(Server jetty, SlackBot bot, SocketModeLink socketMode) {
        this.jetty = jetty;
        this.bot = bot;
        this.socketMode = socketMode;
    }

    /**
     * Starts with the settings' port and the host's own name, its clock and zone; the settings must have passed
     * requireForServe().
     */
    public static BotServer start(Settings s, DiagnosisSource source, StepRunner steps, ReportStore reports,
                                  Clock clock, ZoneId hostZone, PrometheusRegistry metrics, WatchDesk home) throws Exception {
        SlackBot.Options options = new SlackBot.Options(hostName(s), s.admins(), clock, hostZone, 2, 64, s.secrets(),
                s.serveStateDir());
        return start(s, source, options, s.port(), steps, reports, metrics, home);
    }

    /** For tests: an empty {@code GET /metrics} and an App Home that knows nothing. */
    public static BotServer start(Settings s, DiagnosisSource source, SlackBot.Options options, int port,
                                  StepRunner steps, ReportStore reports) throws Exception {
        return start(s, source, options, port, steps, reports, new PrometheusRegistry(), WatchDesk.none());
    }

    public static BotServer start(Settings s, DiagnosisSource source, SlackBot.Options options, int port,
                                  StepRunner steps, ReportStore reports, PrometheusRegistry metrics, WatchDesk home)
            throws Exception {
        Slack slack = SlackBot.slack(s.slackApiUrl());
        Optional<AuthTestResponse> verified = checkToken(slack, s.slackBotToken());
        SlackBot bot = new SlackBot(source, reports, options, steps, home);
        App app = bot.app(SlackBot.appConfig(slack, s.slackBotToken(), s.slackSigningSecret()), verified);

        Server jetty = new Server();
        ServerConnector http = new ServerConnector(jetty);
        http.setPort(port);
        jetty.addConnector(http);
        ServletContextHandler context = new ServletContextHandler("/");
        SocketModeLink link = null;
        if (s.socketMode()) {
            link = new SocketModeLink(s.slackAppToken(), app);
            context.addServlet(new ServletHolder(new HealthServlet("socket", link::state, bot::identityProblem)), HEALTH_PATH);
        } else {
            context.addFilter(new FilterHolder(new SignedRequestGate(s.slackSigningSecret(), options.clock())), EVENTS_PATH,
                    EnumSet.of(DispatcherType.REQUEST));
            context.addServlet(new ServletHolder(new SlackAppServlet(app)), EVENTS_PATH);
            context.addServlet(new ServletHolder(new HealthServlet("http", () -> "ready", bot::identityProblem)), HEALTH_PATH);
        }
        context.addServlet(new ServletHolder(new PrometheusMetricsServlet(metrics)), METRICS_PATH);
        jetty.setHandler(context);
        jetty.setStopAtShutdown(false);
        try {
            jetty.start();
        } catch (Exception e) {
            bot.close();
            jetty.stop();
            throw e;
        }
        if (link != null) link.start();
        log.info("Serving on port {}: {} {}", ((ServerConnector) jetty.getConnectors()[0]).getLocalPort(),
                s.socketMode() ? "Socket Mode," : "POST " + EVENTS_PATH + ",", "GET " + HEALTH_PATH + ", GET " + METRICS_PATH);
        return new BotServer(jetty, bot, link);
    }

    /**
     * Asks Slack once whether the bot token works, so a wrong token stops start-up with its name; what Slack said is
     * the identity the bot serves on. When Slack cannot be reached the bot starts anyway (the first request asks).
     */
    static Optional<AuthTestResponse> checkToken(Slack slack, String token) {
        try {
            AuthTestResponse r = slack.methods().authTest(q -> q.token(token));
            if (!r.isOk()) {
                throw new SettingsException(Env.SLACK_BOT_TOKEN + " was refused by Slack (auth.test: " + r.getError() + ")");
            }
            log.info("Slack knows the bot as {} in team {}", r.getUser(), r.getTeam());
            return Optional.of(r);
        } catch (IOException | com.slack.api.methods.SlackApiException e) {
            log.warn("Could not reach Slack to check the bot token ({}); starting anyway", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    /** The host's name as people know it: the host's /etc/hostname (under the host root), else this machine's. */
    static String hostName(Settings s) {
        HostFiles.TextFile f = new HostFiles(s.hostRoot()).readText("/etc/hostname", 256);
        if (f.ok() && !f.text().isBlank()) return f.text().strip();
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "this host";
        }
    }

    public int port() {
        return ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    }

    public void join() throws InterruptedException {
        jetty.join();
    }

    /** Stops taking requests, lets queued Slack work finish (briefly), then stops the rest. */
    @Override
    public void close() throws Exception {
        if (socketMode != null) socketMode.close();
        jetty.stop();
        if (!bot.drain(Duration.ofSeconds(10))) log.warn("Slack work still running at shutdown was dropped");
        bot.close();
    }
}
