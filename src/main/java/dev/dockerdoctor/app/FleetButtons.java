package dev.dockerdoctor.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dockerdoctor.fleet.HostName;
import dev.dockerdoctor.fleet.HostStatus;
import dev.dockerdoctor.fleet.LinkMessage;
import dev.dockerdoctor.fleet.link.HubLink;
import dev.dockerdoctor.model.Diagnosis;
import dev.dockerdoctor.parse.Since;
import dev.dockerdoctor.recovery.StepOutcome;
import dev.dockerdoctor.recovery.StepRunner;
import dev.dockerdoctor.slack.ReportStore;
import dev.dockerdoctor.report.Summary;
import dev.dockerdoctor.slack.StoredReport;
import dev.dockerdoctor.slack.message.HostLine;
import dev.dockerdoctor.slack.WatchDesk;
import dev.dockerdoctor.store.StateJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * serve's buttons in a fleet. A button in an agent's incident thread names its report {@code HOST:INCIDENT}; its
 * click goes down the link to that host's agent as a named run-step request, and the agent checks its own
 * DOCTOR_ADMINS, plans again and runs once (the hub's DOCTOR_ADMINS is asked first: a user must be on both). Every
 * other report id is this host's, as on a one-host install. Acknowledge buttons name their incident the same way.
 */
final class FleetButtons {
    /** Longer than any step's own timeouts (a daemon restart and its wait): the link's answer comes after the step. */
    static final Duration STEP_ANSWER = Duration.ofMinutes(10);
    static final Duration DIAGNOSIS_ANSWER = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(FleetButtons.class);

    /** Other hosts' reports shown by /docker-status NAME, so their buttons resolve to what was shown. */
    static final int KEEP_REPORTS = 64;

    private final HubIncidents incidents;
    private final Clock clock;
    private final String self;
    private final Supplier<Optional<Diagnosis>> newest;
    private final Map<String, Diagnosis> shown = java.util.Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Diagnosis> eldest) {
            return size() > KEEP_REPORTS;
        }
    });
    private volatile HubLink link;
    private volatile Supplier<Set<String>> silent = Set::of;

    /**
     * @param self   this hub's own host name
     * @param newest this host's newest diagnosis (no I/O), for its line in the fleet
     */
    FleetButtons(HubIncidents incidents, Clock clock, String self, Supplier<Optional<Diagnosis>> newest) {
        this.incidents = incidents;
        this.clock = clock;
        this.self = self;
        this.newest = newest;
    }

    /** The hub, once it accepts agents (before that, an agent's button finds its host not connected). */
    void hub(Hub hub) {
        this.link = hub.link();
        this.silent = hub::silent;
    }

    /** A report id naming another host, split into host and that host's own reference; empty for this host's. */
    static Optional<String[]> remote(String reference) {
        int colon = reference == null ? -1 : reference.indexOf(':');
        if (colon <= 0) return Optional.empty();
        String host = reference.substring(0, colon);
        return HostName.valid(host) ? Optional.of(new String[] {host, reference.substring(colon + 1)}) : Optional.empty();
    }

    StepRunner steps(StepRunner local) {
        return new StepRunner() {
            @Override
            public boolean mayRun(String user) {
                return local.mayRun(user);
            }

            @Override
            public void previewed(String stepId, String user, String reference) {
                local.previewed(stepId, user, reference);
            }

            @Override
            public StepOutcome run(String stepId, String user, String reference, Consumer<String> progress) {
                Optional<String[]> there = remote(reference);
                return there.isEmpty() ? local.run(stepId, user, reference, progress)
                        : runThere(there.get()[0], there.get()[1], stepId, user);
            }
        };
    }

    private StepOutcome runThere(String host, String reference, String stepId, String user) {
        HubLink l = link;
        if (l == null || !l.connected(host)) {
            return refused(stepId, user, host + "'s agent is not connected to the hub: nothing ran. Its own"
                    + " `docker-doctor diagnose` and steps still work on the host.");
        }
        log.info("Step {} on {} (incident {}) asked for by {}", stepId, host, reference, user);
        try {
            return read(ask(host, STEP_ANSWER, h -> h.runStep(host, reference, stepId, user, STEP_ANSWER)), StepOutcome.class);
        } catch (Away e) {
            return lost(host, stepId, user, e.getMessage());
        }
    }

    private static StepOutcome refused(String stepId, String user, String why) {
        return new StepOutcome(StepOutcome.Status.REFUSED, stepId, user, why, List.of(), null);
    }

    /** The request left, its answer did not come: the step may have run, and the host's audit log says. */
    private static StepOutcome lost(String host, String stepId, String user, String why) {
        log.warn("Step {} on {}: no answer ({})", stepId, host, why);
        return new StepOutcome(StepOutcome.Status.FAILED, stepId, user, "No answer from " + host + " (" + why
                + "). The step may have run: its audit log on " + host + " says; the incident thread follows the host.",
                List.of(), null);
    }

    /**
     * Acknowledgements: an agent's incident's goes down the link to that host, whose watch keeps it (and says it in
     * the incident's messages, through the hub); the App Home and maintenance stay this host's.
     */
    WatchDesk desk(WatchDesk local) {
        return new WatchDesk() {
            @Override
            public dev.dockerdoctor.slack.message.HomeState home() {
                return local.home();
            }

            @Override
            public boolean fleet() {
                return link != null;
            }

            @Override
            public List<HostLine> hosts() {
                HubLink l = link;
                if (l == null) return List.of();
                Set<String> quiet = silent.get();
                List<HostLine> out = new ArrayList<>();
                Optional<Diagnosis> mine = newest.get();
                out.add(new HostLine(self, mine.map(Summary::level).orElse(null), mine.map(Summary::verdict).orElse(null),
                        true, clock.instant(), true));
                for (HostStatus h : l.fleet()) {
                    if (h.name().equals(self)) continue;
                    out.add(new HostLine(h.name(), h.verdict(), h.headline(), h.connected() && !quiet.contains(h.name()),
                            h.lastSeen(), false));
                }
                return out;
            }

            @Override
            public Optional<StoredReport> diagnose(String host, java.time.Instant since) {
                Optional<Diagnosis> d = askFor(host, since);
                if (d.isEmpty()) return Optional.empty();
                String id = host + ":r-" + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong() >>> 16);
                shown.put(id, d.get());
                return Optional.of(new StoredReport(id, d.get()));
            }

            @Override
            public boolean isOpen(String incidentId) {
                Optional<String[]> there = remote(incidentId);
                return there.isEmpty() ? local.isOpen(incidentId) : incidents.isOpen(there.get()[0], there.get()[1]);
            }

            @Override
            public boolean acknowledge(String incidentId, String user, String reason) {
                Optional<String[]> there = remote(incidentId);
                if (there.isEmpty()) return local.acknowledge(incidentId, user, reason);
                try {
                    return ask(there.get()[0], DIAGNOSIS_ANSWER,
                            h -> h.acknowledge(there.get()[0], there.get()[1], user, reason, DIAGNOSIS_ANSWER)).asBoolean(false);
                } catch (Away e) {
                    log.warn("{}'s acknowledgement of {} not kept: {}", user, incidentId, e.getMessage());
                    return false;
                }
            }

            @Override
            public WatchDesk forHost(String host) {
                return host.equals(self) ? this : maintenanceOf(host);
            }

            @Override
            public Optional<dev.dockerdoctor.watch.Maintenance> maintenance() {
                return local.maintenance();
            }

            @Override
            public dev.dockerdoctor.watch.Maintenance startMaintenance(String user, java.time.Instant until, String reason) {
                return local.startMaintenance(user, until, reason);
            }

            @Override
            public Optional<dev.dockerdoctor.watch.Maintenance> endMaintenance(String user) {
                return local.endMaintenance(user);
            }
        };
    }

    /** Another host's maintenance window, asked of its agent (which has the last word on who may change it). */
    private WatchDesk maintenanceOf(String host) {
        return new WatchDesk() {
            @Override
            public dev.dockerdoctor.slack.message.HomeState home() {
                return dev.dockerdoctor.slack.message.HomeState.nothingKnown();
            }

            @Override
            public Optional<dev.dockerdoctor.watch.Maintenance> maintenance() {
                return maintain(host, LinkMessage.MaintainAction.SHOW, null, null, null);
            }

            @Override
            public dev.dockerdoctor.watch.Maintenance startMaintenance(String user, java.time.Instant until, String reason) {
                return maintain(host, LinkMessage.MaintainAction.START, user, until, reason)
                        .orElseThrow(() -> new IllegalStateException(host + " answered without a window"));
            }

            @Override
            public Optional<dev.dockerdoctor.watch.Maintenance> endMaintenance(String user) {
                return maintain(host, LinkMessage.MaintainAction.END, user, null, null);
            }
        };
    }

    private Optional<dev.dockerdoctor.watch.Maintenance> maintain(String host, LinkMessage.MaintainAction action, String user,
                                                                   java.time.Instant until, String reason) {
        try {
            JsonNode w = ask(host, DIAGNOSIS_ANSWER, h -> h.maintain(host, action, user, until, reason, DIAGNOSIS_ANSWER));
            return w == null || w.isNull() ? Optional.empty() : Optional.of(read(w, dev.dockerdoctor.watch.Maintenance.class));
        } catch (Away e) {
            if (e.getMessage() != null && e.getMessage().contains("DOCTOR_ADMINS")) throw new SecurityException(host);
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    ReportStore reports(ReportStore local) {
        return new ReportStore() {
            @Override
            public StoredReport save(Diagnosis diagnosis) {
                return local.save(diagnosis);
            }

            @Override
            public Optional<StoredReport> find(String reportId) {
                Optional<String[]> there = remote(reportId);
                if (there.isEmpty()) return local.find(reportId);
                String host = there.get()[0];
                Optional<Diagnosis> d = Optional.ofNullable(shown.get(reportId));
                if (d.isEmpty()) d = incidents.diagnosis(host, there.get()[1]);
                if (d.isEmpty()) d = askFor(host, clock.instant().minus(Since.DEFAULT));
                return d.map(x -> new StoredReport(reportId, x));
            }
        };
    }

    /** A host's diagnosis from its agent, if it answers (a restarted hub has none of its incidents' in memory). */
    private Optional<Diagnosis> askFor(String host, java.time.Instant since) {
        try {
            return Optional.of(read(ask(host, DIAGNOSIS_ANSWER, h -> h.diagnose(host, null, since, DIAGNOSIS_ANSWER)), Diagnosis.class));
        } catch (Away e) {
            log.warn("No diagnosis from {}: {}", host, e.getMessage());
            return Optional.empty();
        }
    }

    /** A named request that got no answer: the host is not connected, said no, or did not answer in time. */
    private static final class Away extends Exception {
        Away(String why, Throwable cause) {
            super(why, cause);
        }
    }

    /** One named request to a host's agent, and its answer. */
    private JsonNode ask(String host, Duration within, Function<HubLink, CompletableFuture<JsonNode>> request) throws Away {
        HubLink l = link;
        if (l == null || !l.connected(host)) throw new Away(host + " is not connected", null);
        try {
            // the link has its own deadline (within); this one only guards against an answer that never comes
            return request.apply(l).get(within.toSeconds() + 5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Away("the hub is stopping", e);
        } catch (ExecutionException e) {
            throw new Away(e.getCause() == null ? e.toString() : e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new Away("no answer within " + within.toSeconds() + " s", e);
        }
    }

    private static <T> T read(JsonNode answer, Class<T> type) throws Away {
        try {
            return StateJson.MAPPER.treeToValue(answer, type);
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new Away("its answer could not be read (" + e.getMessage() + ")", e);
        }
    }
}
