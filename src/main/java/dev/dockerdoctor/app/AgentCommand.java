package dev.dockerdoctor.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dockerdoctor.diagnosis.NewestDiagnosis;
import dev.dockerdoctor.evidence.DockerJavaProbe;
import dev.dockerdoctor.fleet.EnrollToken;
import dev.dockerdoctor.fleet.FleetBook;
import dev.dockerdoctor.fleet.HostName;
import dev.dockerdoctor.fleet.LinkMessage;
import dev.dockerdoctor.fleet.link.LinkNotifier;
import dev.dockerdoctor.recovery.AuditLog;
import dev.dockerdoctor.recovery.StepRunner;
import dev.dockerdoctor.fleet.link.AgentLink;
import dev.dockerdoctor.fleet.link.LinkKeys;
import dev.dockerdoctor.model.Diagnosis;
import dev.dockerdoctor.parse.Since;
import dev.dockerdoctor.report.Summary;
import dev.dockerdoctor.store.AtomicFile;
import dev.dockerdoctor.store.StateJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import dev.dockerdoctor.slack.WatchDesk;

/**
 * {@code agent}: this host's side of a fleet. Diagnoses the host every watch interval and dials the hub
 * (DOCTOR_HUB_URL) to report it and answer the hub's named requests; it never talks to Slack and opens no port.
 * The first run enrolls with DOCTOR_ENROLL_TOKEN; the name and the hub's pin are then kept in
 * {@code <state>/fleet/agent.json}, and the key in {@code agent.p12}, so later runs need no token.
 */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = {"Run this host's agent of a fleet: diagnose it, and report to the hub at DOCTOR_HUB_URL.",
                "The first run needs DOCTOR_ENROLL_TOKEN (from `docker-doctor enroll NAME` on the hub)."})
public final class AgentCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;
    private final Clock clock;

    public AgentCommand(Map<String, String> env, Clock clock) {
        this.env = env;
        this.clock = clock;
    }

    /** What an enrolled agent keeps: its name in the fleet and the hub certificate it trusts. No secret. */
    record Identity(String name, String hubPin) {
    }

    @Override
    public Integer call() throws Exception {
        Settings settings;
        String hubUrl = blank(env.get(Env.DOCTOR_HUB_URL));
        try {
            settings = Settings.fromEnv(env);
            if (hubUrl == null) throw new SettingsException(Env.DOCTOR_HUB_URL + " is not set: the hub's address, e.g. https://hub.example:3001");
            AgentLink.checkUrl(hubUrl);
        } catch (SettingsException | IllegalArgumentException e) {
            return fail(e.getMessage());
        }
        Path state = settings.serveStateDir();
        Path identityFile = FleetBook.dir(state).resolve("agent.json");
        Identity kept = readIdentity(identityFile);
        String tokenText = blank(env.get(Env.DOCTOR_ENROLL_TOKEN));
        Identity identity;
        String token = null;
        if (kept != null) {
            identity = kept; // enrolled before: the token, if still set, is spent and not sent again
        } else {
            if (tokenText == null) return fail("this agent is not enrolled yet: set " + Env.DOCTOR_ENROLL_TOKEN
                    + " to the token `docker-doctor enroll NAME` printed on the hub");
            var t = EnrollToken.decode(tokenText);
            if (t.isEmpty()) return fail(Env.DOCTOR_ENROLL_TOKEN + " is not a docker-doctor enrollment token (cut short?)");
            identity = new Identity(t.get().name(), t.get().hubPin());
            token = tokenText;
        }
        String wanted = blank(env.get(Env.DOCTOR_HOST_NAME));
        Logger log = LoggerFactory.getLogger(AgentCommand.class);
        if (wanted != null && !HostName.of(wanted).equals(identity.name())) {
            log.warn("{}={} but this agent is enrolled as {}: the hub knows it as {}", Env.DOCTOR_HOST_NAME, wanted,
                    identity.name(), identity.name());
        }
        LinkKeys keys = LinkKeys.agent(state, identity.name());
        DockerJavaProbe probe = Agents.probe(settings);
        Agent agent = Agents.create(settings, env, clock, state, probe);
        NewestDiagnosis source = new NewestDiagnosis(ServeCommand.serialized(agent));
        ScheduledExecutorService every = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "doctor-agent-diagnose");
            t.setDaemon(true);
            return t;
        });
        long interval = settings.watchInterval().toMillis();
        every.scheduleWithFixedDelay(() -> {
            try {
                source.diagnose(clock.instant().minus(Since.DEFAULT));
            } catch (RuntimeException e) {
                log.warn("Diagnosis failed: {}", e.toString());
            }
        }, 0, interval, TimeUnit.MILLISECONDS);
        Identity enrolled = identity;
        // the step gate is this host's own: its DOCTOR_ADMINS, its plan at click time, its lock and audit log
        AuditLog audit = new AuditLog(state);
        AtomicReference<StepRunner> steps = new AtomicReference<>();
        AtomicReference<WatchDesk> desk = new AtomicReference<>();
        AgentLink link = AgentLink.start(hubUrl, keys, identity.hubPin(), identity.name(), settings.watchInterval(),
                token, new AgentLink.Host() {
                    @Override
                    public JsonNode diagnose(String view, Instant since) {
                        return StateJson.MAPPER.valueToTree(source.diagnose(since));
                    }

                    @Override
                    public JsonNode runStep(String reference, String step, String user) {
                        StepRunner r = steps.get();
                        if (r == null) throw new IllegalStateException("the agent is still starting");
                        // NOT_ALLOWED unless the user is in this host's DOCTOR_ADMINS, whatever the hub says
                        return StateJson.MAPPER.valueToTree(r.run(step, user, reference, line -> { }));
                    }

                    @Override
                    public boolean acknowledge(String incident, String user, String reason) {
                        WatchDesk d = desk.get();
                        if (d == null) throw new IllegalStateException("the agent is still starting");
                        return d.isOpen(incident) && d.acknowledge(incident, user, reason);
                    }

                    @Override
                    public JsonNode maintain(LinkMessage.Maintain ask) {
                        WatchDesk d = desk.get();
                        if (d == null) throw new IllegalStateException("the agent is still starting");
                        // the step gate's one rule (this host's DOCTOR_ADMINS) decides who may hold its alarms back
                        if (ask.action() != LinkMessage.MaintainAction.SHOW && !steps.get().mayRun(ask.user())) {
                            throw new SecurityException("not in this host's DOCTOR_ADMINS");
                        }
                        java.util.Optional<dev.dockerdoctor.watch.Maintenance> m = switch (ask.action()) {
                            case SHOW -> d.maintenance();
                            case START -> java.util.Optional.of(d.startMaintenance(ask.user(), ask.until(),
                                    ask.reason() == null ? "" : ask.reason()));
                            case END -> d.endMaintenance(ask.user());
                        };
                        return m.<JsonNode>map(StateJson.MAPPER::valueToTree).orElse(null);
                    }

                    @Override
                    public LinkMessage.Heartbeat heartbeat() {
                        return source.newest().map(d -> beat(d, clock.instant()))
                                .orElse(new LinkMessage.Heartbeat(null, null, clock.instant()));
                    }
                }, new AgentLink.Events() {
                    @Override
                    public void connected() {
                        if (readIdentity(identityFile) == null) {
                            try {
                                AtomicFile.write(identityFile, StateJson.MAPPER.writeValueAsBytes(enrolled));
                            } catch (IOException e) {
                                log.warn("Cannot keep this agent's enrollment in {}: {}", identityFile, e.toString());
                            }
                        }
                    }
                });
        // the host's incidents, as serve keeps them, told to the hub instead of Slack: the incident book is the
        // queue while the link is down (kept on disk, told again in order, once)
        Watching watching = Watching.create(settings, source, probe, new LinkNotifier(link), identity.name(), clock);
        steps.set(watching.tracking(Recovery.steps(settings, source, agent, audit, clock)));
        desk.set(ServeCommand.desk(source, watching, audit, clock));
        watching.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                link.close();
            } catch (Exception e) {
                log.warn("Stopping the link: {}", e.toString());
            } finally {
                every.shutdownNow();
                watching.close();
                agent.close();
                probe.close();
                stopped.countDown();
            }
        }, "doctor-agent-shutdown"));
        stopped.await();
        return 0;
    }

    static LinkMessage.Heartbeat beat(Diagnosis d, Instant now) {
        return new LinkMessage.Heartbeat(Summary.level(d), Summary.verdict(d), now);
    }

    private static Identity readIdentity(Path f) {
        try {
            if (!Files.isRegularFile(f)) return null;
            Identity i = StateJson.MAPPER.readValue(f.toFile(), Identity.class);
            return i.name() != null && HostName.valid(i.name()) && i.hubPin() != null ? i : null;
        } catch (IOException e) {
            LoggerFactory.getLogger(AgentCommand.class).warn("{} cannot be read ({}): enroll again with a new token", f, e.toString());
            return null;
        }
    }

    private int fail(String why) {
        spec.commandLine().getErr().println("agent: " + why);
        return Main.COULD_NOT_RUN;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
