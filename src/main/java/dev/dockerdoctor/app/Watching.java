package dev.dockerdoctor.app;

import com.slack.api.Slack;
import dev.dockerdoctor.diagnosis.DiagnosisSource;
import dev.dockerdoctor.evidence.DockerProbe;
import dev.dockerdoctor.metrics.DoctorMetrics;
import dev.dockerdoctor.recovery.StepOutcome;
import dev.dockerdoctor.recovery.StepRunner;
import dev.dockerdoctor.slack.IncidentReports;
import dev.dockerdoctor.slack.ReportStore;
import dev.dockerdoctor.slack.ChannelPacer;
import dev.dockerdoctor.slack.SlackIncidentNotifier;
import dev.dockerdoctor.slack.message.ViewContext;
import dev.dockerdoctor.watch.IncidentNotifier;
import dev.dockerdoctor.watch.IncidentWatch;
import dev.dockerdoctor.watch.LogNotifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;

/**
 * {@code serve}'s incident side: the watch loop over DOCTOR_WATCH and the daemon, the daemon's event stream to poll
 * sooner, and incident threads in DOCTOR_CHANNEL (in the log only when no channel is set). Built first (the buttons
 * need its incidents), started last (nothing is watched or posted before the bot is up).
 */
final class Watching implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Watching.class);

    private final IncidentWatch watch;
    private final Settings settings;
    private final DockerProbe probe;
    private DockerProbe.Following events;

    /** @param settings and {@code probe} for the event stream; null for none (tests) */
    Watching(IncidentWatch watch, Settings settings, DockerProbe probe) {
        this.watch = watch;
        this.settings = settings;
        this.probe = probe;
    }

    /**
     * @param source the agent, serialised with /docker-status (they share the last-known-good state)
     * @param probe  the daemon probe the agent uses too
     * @param slack  the Slack client pointed at SLACK_API_URL
     * @param metrics told of every incident message sent and of the open incident
     * @param pacer   the process's one pacer of posts per channel, shared with the agents' notifiers
     */
    static Watching create(Settings s, DiagnosisSource source, DockerProbe probe, Slack slack, String host,
                           ZoneId hostZone, Clock clock, DoctorMetrics metrics, ChannelPacer pacer) {
        IncidentNotifier notifier = metrics.counting(notifier(s, slack, host, hostZone, id -> id, pacer));
        Watching w = create(s, source, probe, notifier, host, clock);
        metrics.incidents(w.watch::openIncident);
        metrics.maintenance(w.watch::maintenance);
        return w;
    }

    /**
     * Where a host's incidents go: threads in DOCTOR_CHANNEL, in the log when no channel is set.
     * @param buttonRef what its buttons name for an incident id (an agent's incident: {@code HOST:ID}, so a click
     *                  can never be taken for one of the hub's own host)
     */
    static IncidentNotifier notifier(Settings s, Slack slack, String host, ZoneId zone,
                                     java.util.function.UnaryOperator<String> buttonRef, ChannelPacer pacer) {
        if (s.channel() == null) return new LogNotifier();
        return new SlackIncidentNotifier(slack.methods(s.slackBotToken()), s.channel(),
                id -> new ViewContext(host, id == null ? null : buttonRef.apply(id), List.copyOf(s.admins()), null),
                zone, s.secrets(), s.oncall(), pacer);
    }

    /** The same watch, telling {@code notifier} (an agent's: the hub, over the link). */
    static Watching create(Settings s, DiagnosisSource source, DockerProbe probe, IncidentNotifier notifier, String host,
                           Clock clock) {
        IncidentWatch watch = IncidentWatch.create(IncidentWatch.Config.of(host, s.watch(), s.watchInterval()).withRemind(s.remind()),
                s.serveStateDir(), probe, source, notifier, clock);
        return new Watching(watch, s, probe);
    }

    /** Starts the watch loop, and follows Docker's events to poll sooner when the daemon comes and goes. */
    void start() {
        watch.start();
        if (settings == null) return;
        try {
            events = probe.follow(watch::pollDockerSoon, settings.watchInterval());
        } catch (IllegalArgumentException e) {
            log.warn("Not following Docker's events ({}); polling every {} s only", e.getMessage(),
                    settings.watchInterval().toSeconds());
        }
        log.info("Watching {} URL(s) and the daemon every {} s; incidents go to {}", settings.watch().size(),
                settings.watchInterval().toSeconds(), settings.channel() == null ? "the log (no DOCTOR_CHANNEL)" : settings.channel());
    }

    IncidentWatch watch() { return watch; }

    /** The reports the bot's buttons resolve: an open incident's by its id, the rest from {@code reports}. */
    ReportStore reports(ReportStore reports) {
        return new IncidentReports(reports, watch::diagnosis);
    }

    /**
     * The step runner, telling the open incident when one of its steps ran (it turns mitigating, and a new diagnosis
     * decides what is left). A button's reference is the incident id in an incident thread, a report id elsewhere.
     */
    StepRunner tracking(StepRunner steps) {
        return steps.telling((stepId, reference, o) -> watch.stepRan(reference, stepId, o.status() == StepOutcome.Status.DONE));
    }

    @Override
    public void close() {
        if (events != null) events.close();
        watch.close();
    }
}
