package dev.dockerdoctor.app;

import dev.dockerdoctor.diagnosis.DiagnosisSource;
import dev.dockerdoctor.diagnosis.NewestDiagnosis;
import dev.dockerdoctor.evidence.DockerJavaProbe;
import dev.dockerdoctor.metrics.DoctorMetrics;
import dev.dockerdoctor.recovery.AuditLog;
import dev.dockerdoctor.recovery.StepRunner;
import dev.dockerdoctor.slack.FileReportStore;
import dev.dockerdoctor.slack.ReportStore;
import dev.dockerdoctor.slack.SlackBot;
import dev.dockerdoctor.slack.WatchDesk;
import dev.dockerdoctor.slack.message.HomeViews;
import dev.dockerdoctor.slack.message.IncidentViews;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code serve}: the Slack bot. Settings come from the environment only (README, "Settings"); a missing or
 * malformed one stops start-up with a message naming it (exit 2), optional ones left out are said once.
 * Runs until the process is told to stop (SIGTERM/SIGINT), then finishes the Slack work in hand.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run the Slack bot: /docker-status with buttons, over HTTP (POST /slack/events) or Socket Mode"
                + " (when SLACK_APP_TOKEN is set), and GET /healthz on DOCTOR_PORT.",
                "Needs SLACK_BOT_TOKEN, and SLACK_SIGNING_SECRET in HTTP mode."})
public final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;
    private final Clock clock;

    public ServeCommand(Map<String, String> env, Clock clock) {
        this.env = env;
        this.clock = clock;
    }

    @Override
    public Integer call() throws Exception {
        Settings settings;
        try {
            settings = Settings.fromEnv(env);
            settings.requireForServe();
        } catch (SettingsException e) {
            spec.commandLine().getErr().println("serve: " + e.getMessage());
            return Main.COULD_NOT_RUN;
        }
        // the logger is asked for here, not held statically: building the CLI must not start SLF4J (see Agent.log)
        Logger log = LoggerFactory.getLogger(ServeCommand.class);
        settings.notesForServe().forEach(log::info);
        DockerJavaProbe probe = Agents.probe(settings);
        Agent agent = Agents.create(settings, env, clock, settings.serveStateDir(), probe);
        String host = BotServer.hostName(settings);
        NewestDiagnosis source = new NewestDiagnosis(serialized(agent));
        DoctorMetrics metrics = new DoctorMetrics(host, clock, source::newest);
        // built in order, each from the ones before: the watch first (thread buttons name its incidents, and a step
        // run from one tells it), then the bot; the watch starts only once the bot is up
        // Slack's one post a second per channel, kept by every notifier of this process (its host's and its agents')
        dev.dockerdoctor.slack.ChannelPacer pacer = dev.dockerdoctor.slack.ChannelPacer.slacks();
        Watching watching = Watching.create(settings, source, probe, SlackBot.slack(settings.slackApiUrl()),
                host, agent.zone(), clock, metrics, pacer);
        // one audit log: its lock is what keeps the steps' lines and the acknowledgements' from writing over each other
        AuditLog audit = new AuditLog(settings.serveStateDir());
        // the agents' incidents are posted as this host's are, their messages and buttons naming their host
        com.slack.api.Slack slack = SlackBot.slack(settings.slackApiUrl());
        Map<String, dev.dockerdoctor.watch.IncidentNotifier> byHost = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.function.Function<String, dev.dockerdoctor.watch.IncidentNotifier> hostNotifier = name -> byHost.computeIfAbsent(
                name, n -> metrics.counting(Watching.notifier(settings, slack, n, agent.zone(), id -> n + ":" + id, pacer)));
        HubIncidents agentsIncidents = new HubIncidents(settings.serveStateDir(), hostNotifier);
        FleetButtons fleet = new FleetButtons(agentsIncidents, clock, host, source::newest);
        StepRunner steps = metrics.counting(fleet.steps(watching.tracking(Recovery.steps(settings, source, agent, audit, clock))));
        ReportStore reports = fleet.reports(watching.reports(new FileReportStore(settings.serveStateDir(), BotServer.REPORTS)));
        BotServer server;
        try {
            WatchDesk desk = fleet.desk(desk(source, watching, audit, clock));
            server = BotServer.start(settings, source, steps, reports, clock, agent.zone(), metrics.registry(), desk);
        } catch (SettingsException e) {
            // a token Slack refuses stops start-up before anything is watched or posted
            watching.close();
            agent.close();
            probe.close();
            spec.commandLine().getErr().println("serve: " + e.getMessage());
            return Main.COULD_NOT_RUN;
        }
        watching.start();
        java.util.Optional<Hub> hub = Hub.startIfEnrolled(settings, env, clock, log, agentsIncidents, hostNotifier, agent.zone());
        hub.ifPresent(fleet::hub);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                log.warn("Stopping", e);
            } finally {
                Hub.close(hub, log);
                watching.close();
                agent.close();
                probe.close();
                stopped.countDown();
            }
        }, "doctor-shutdown"));
        server.join();
        stopped.await();
        return 0;
    }

    /** The App Home's state and the incident's acknowledgements, which the audit log records too. */
    static WatchDesk desk(NewestDiagnosis source, Watching watching, AuditLog audit, Clock clock) {
        return new WatchDesk() {
            @Override
            public dev.dockerdoctor.slack.message.HomeState home() {
                return new dev.dockerdoctor.slack.message.HomeState(source.newest(), watching.watch().openIncident(),
                        audit.lastRun(HomeViews.STEPS), watching.watch().maintenance());
            }

            @Override
            public boolean isOpen(String incidentId) {
                return watching.watch().openIncident().filter(i -> i.id().equals(incidentId)).isPresent();
            }

            @Override
            public boolean acknowledge(String incidentId, String user, String reason) {
                boolean taken = watching.watch().acknowledge(incidentId, user, reason);
                if (taken) {
                    try {
                        audit.append(new AuditLog.Entry(clock.instant(), user, incidentId, IncidentViews.UI_ACK,
                                List.of("acknowledged: " + reason), null, null, "acknowledged"));
                    } catch (java.io.IOException e) {
                        LoggerFactory.getLogger(ServeCommand.class).warn("Could not write the acknowledgement to the audit log: {}", e.toString());
                    }
                }
                return taken;
            }

            @Override
            public java.util.Optional<dev.dockerdoctor.watch.Maintenance> maintenance() {
                return watching.watch().maintenance();
            }

            @Override
            public dev.dockerdoctor.watch.Maintenance startMaintenance(String user, java.time.Instant until, String reason) {
                dev.dockerdoctor.watch.Maintenance m = watching.watch().startMaintenance(user, until, reason);
                audited(user, "maintenance-start", "maintenance until " + until + (m.reason().isEmpty() ? "" : ": " + m.reason()));
                return m;
            }

            @Override
            public java.util.Optional<dev.dockerdoctor.watch.Maintenance> endMaintenance(String user) {
                java.util.Optional<dev.dockerdoctor.watch.Maintenance> m = watching.watch().endMaintenance(user);
                m.ifPresent(w -> audited(user, "maintenance-end", "maintenance ended early"));
                return m;
            }

            private void audited(String user, String what, String line) {
                try {
                    audit.append(new AuditLog.Entry(clock.instant(), user, null, what, List.of(line), null, null, "maintenance"));
                } catch (java.io.IOException e) {
                    LoggerFactory.getLogger(ServeCommand.class).warn("Could not write {} to the audit log: {}", what, e.toString());
                }
            }
        };
    }

    /**
     * One diagnosis at a time: they read the same files and write the same last-known-good state. Acks never wait
     * for this (they happen before the work is queued); only concurrent reports queue behind each other.
     */
    static DiagnosisSource serialized(Agent agent) {
        Object lock = new Object();
        return since -> {
            synchronized (lock) {
                return agent.diagnose(since);
            }
        };
    }
}
