package dev.dockerdoctor.app;

import com.slack.api.Slack;
import dev.dockerdoctor.evidence.DockerJavaProbe;
import dev.dockerdoctor.slack.DiagnosisSource;
import dev.dockerdoctor.slack.IncidentReports;
import dev.dockerdoctor.slack.ReportStore;
import dev.dockerdoctor.slack.SlackIncidentNotifier;
import dev.dockerdoctor.slack.StepRunner;
import dev.dockerdoctor.recovery.StepOutcome;
import dev.dockerdoctor.slack.message.ViewContext;
import dev.dockerdoctor.watch.DockerEvents;
import dev.dockerdoctor.watch.IncidentNotifier;
import dev.dockerdoctor.watch.IncidentWatch;
import dev.dockerdoctor.watch.LogNotifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@code serve}'s incident side: the watch loop over DOCTOR_WATCH and the daemon, the daemon's event stream to poll
 * sooner, and incident threads in DOCTOR_CHANNEL (in the log only when no channel is set).
 */
final class Watching implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Watching.class);

    private final IncidentWatch watch;
    private final DockerEvents events;

    Watching(IncidentWatch watch, DockerEvents events) {
        this.watch = watch;
        this.events = events;
    }

    /**
     * @param source the agent, serialised with /docker-status (they share the last-known-good state)
     * @param probe  the daemon probe the agent uses too
     * @param slack  the Slack client pointed at SLACK_API_URL
     */
    static Watching start(Settings s, DiagnosisSource source, DockerJavaProbe probe, Slack slack, String host,
                          ZoneId hostZone, Clock clock) {
        IncidentNotifier notifier = s.channel() == null ? new LogNotifier()
                : new SlackIncidentNotifier(slack.methods(s.slackBotToken()), s.channel(),
                id -> new ViewContext(host, id, List.copyOf(s.admins()), null), hostZone);
        IncidentWatch watch = IncidentWatch.start(IncidentWatch.Config.of(host, s.watch(), s.watchInterval()),
                s.serveStateDir(), probe, source::diagnose, notifier, clock);
        DockerEvents events = null;
        try {
            events = DockerEvents.follow(s.dockerHost(), watch::pollDockerSoon, () -> probe.getRaw("/_ping").isPresent(),
                    s.watchInterval());
        } catch (IllegalArgumentException e) {
            log.warn("Not following Docker's events ({}); polling every {} s only", e.getMessage(), s.watchInterval().toSeconds());
        }
        log.info("Watching {} URL(s) and the daemon every {} s; incidents go to {}", s.watch().size(),
                s.watchInterval().toSeconds(), s.channel() == null ? "the log (no DOCTOR_CHANNEL)" : s.channel());
        return new Watching(watch, events);
    }

    IncidentWatch watch() { return watch; }

    /** The reports the bot's buttons resolve: an open incident's by its id, the rest from {@code reports}. */
    static ReportStore reports(ReportStore reports, Supplier<Watching> watching) {
        return new IncidentReports(reports, id -> {
            Watching w = watching.get();
            return w == null ? Optional.empty() : w.watch.diagnosis(id);
        });
    }

    /**
     * The step runner, telling the open incident when one of its steps ran (it turns mitigating, and a new diagnosis
     * decides what is left). A button's reference is the incident id in an incident thread, a report id elsewhere.
     */
    static StepRunner tracking(StepRunner steps, Supplier<Watching> watching) {
        return new StepRunner() {
            @Override
            public boolean mayRun(String user) {
                return steps.mayRun(user);
            }

            @Override
            public StepOutcome run(String stepId, String user, String reference, Consumer<String> progress) {
                StepOutcome o = steps.run(stepId, user, reference, progress);
                Watching w = watching.get();
                boolean ran = o.status() == StepOutcome.Status.DONE || o.status() == StepOutcome.Status.FAILED;
                if (w != null && ran) w.watch.stepRan(reference, stepId, o.status() == StepOutcome.Status.DONE);
                return o;
            }
        };
    }

    @Override
    public void close() {
        if (events != null) events.close();
        watch.close();
    }
}
