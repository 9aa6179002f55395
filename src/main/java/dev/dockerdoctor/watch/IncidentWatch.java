package dev.dockerdoctor.watch;

import dev.dockerdoctor.diagnosis.DiagnosisSource;
import dev.dockerdoctor.evidence.DockerProbe;
import dev.dockerdoctor.model.DaemonState;
import dev.dockerdoctor.model.Diagnosis;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The incident loop of {@code serve}. Every interval the URL watcher and the Docker watcher poll (each on its own
 * thread, so a stalled daemon does not delay a URL's alarm); their readings feed the {@link IncidentMachine}; a
 * change saves the incidents, asks for a diagnosis (off the poll threads, one at a time) and wakes the courier,
 * which tells the {@link IncidentNotifier}. While an incident is open the diagnosis is refreshed every
 * {@code refresh}, which is also how an incident whose signals have cleared gets closed.
 *
 * <pre>{@code
 * IncidentWatch watch = IncidentWatch.start(IncidentWatch.Config.of(host, settings.watch(), settings.watchInterval()),
 *         settings.serveStateDir(), probe, agent::diagnose, notifier, Clock.systemUTC());
 * ...
 * watch.close();
 * }</pre>
 */
public final class IncidentWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IncidentWatch.class);

    /**
     * @param probeTimeout    connect and total timeout of one URL check
     * @param downAfter       failures in a row before a URL or the daemon counts as down
     * @param upAfter         successes in a row before it counts as up again
     * @param openGrace       how long a new incident's root message may wait for its first diagnosis
     * @param refresh         how often an open incident is diagnosed again when nothing changed
     * @param logWindow       how far back each diagnosis reads the logs
     * @param remind          how often an open incident nobody acknowledged is raised again in its thread; null: never
     */
    public record Config(String host, Map<String, URI> urls, Duration interval, Duration probeTimeout, int downAfter,
                         int upAfter, Duration openGrace, Duration refresh, Duration logWindow,
                         IncidentMachine.Options machine, Backoff backoff, Duration remind) {
        public static final Duration MAX_PROBE_TIMEOUT = Duration.ofSeconds(5);

        public Config {
            urls = Map.copyOf(urls);
        }

        /**
         * The defaults for DOCTOR_WATCH and DOCTOR_WATCH_INTERVAL: probe timeout 5 s (never longer than the interval,
         * so one poll fits in one interval), two failures to go down and two successes to come up, 500 ms of grace,
         * a refresh every interval but at least every minute, logs of the last 24 h.
         */
        public static Config of(String host, Map<String, URI> urls, Duration interval) {
            Duration timeout = interval.compareTo(MAX_PROBE_TIMEOUT) < 0 ? interval : MAX_PROBE_TIMEOUT;
            Duration refresh = interval.compareTo(Duration.ofMinutes(1)) > 0 ? interval : Duration.ofMinutes(1);
            return new Config(host, urls, interval, timeout, 2, 2, Duration.ofMillis(500), refresh,
                    Duration.ofHours(24), IncidentMachine.Options.DEFAULT, Backoff.DEFAULT, null);
        }

        public Config withRefresh(Duration r) {
            return new Config(host, urls, interval, probeTimeout, downAfter, upAfter, openGrace, r, logWindow, machine, backoff, remind);
        }

        public Config withProbeTimeout(Duration t) {
            return new Config(host, urls, interval, t, downAfter, upAfter, openGrace, refresh, logWindow, machine, backoff, remind);
        }

        public Config withBackoff(Backoff b) {
            return new Config(host, urls, interval, probeTimeout, downAfter, upAfter, openGrace, refresh, logWindow, machine, b, remind);
        }

        public Config withRemind(Duration every) {
            return new Config(host, urls, interval, probeTimeout, downAfter, upAfter, openGrace, refresh, logWindow, machine,
                    backoff, every);
        }

        public Config withOpenGrace(Duration g) {
            return new Config(host, urls, interval, probeTimeout, downAfter, upAfter, g, refresh, logWindow, machine, backoff, remind);
        }
    }

    private final Config config;
    private final Clock clock;
    private final IncidentBook book;
    private final UrlWatcher urls;
    private final DockerProbe probe;
    private final DockerWatcher docker;
    private final DiagnosisRunner diagnosis;
    private final Courier courier;
    private final Reminders reminders;
    private final IncidentNotifier notifier;
    private final ScheduledExecutorService polls;
    private final ExecutorService http;
    private final ExecutorService diagnosisThread;
    private final ScheduledThreadPoolExecutor courierThread;
    private final java.util.concurrent.atomic.AtomicBoolean extraPollQueued = new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicBoolean maintenanceNewsQueued = new java.util.concurrent.atomic.AtomicBoolean();
    /** The window whose end the watchers have been told of (restarts during it count towards no loop). */
    private volatile String maintenanceClosedFor;

    private IncidentWatch(Config config, Path stateDir, DockerProbe probe, DiagnosisSource diagnoser,
                          IncidentNotifier notifier, Clock clock) {
        this.config = config;
        this.clock = clock;
        IncidentStore store = new IncidentStore(stateDir);
        IncidentStore.Loaded loaded = store.load(clock.instant());
        if (loaded.problem() != null) LOG.warn("{}", loaded.problem());
        IncidentMachine machine = new IncidentMachine(config.host(), clock, config.machine(), loaded.stored().incidents());
        this.book = new IncidentBook(machine, store, clock, loaded.stored().dockerBaseline(), loaded.stored().maintenance());
        this.http = Executors.newCachedThreadPool(daemonThreads("doctor-watch-http"));
        this.urls = new UrlWatcher(config.urls(), new UrlProbe(config.probeTimeout(), http), clock, config.downAfter(), config.upAfter());
        this.probe = probe;
        this.docker = new DockerWatcher(probe, clock, config.downAfter(), config.upAfter(), loaded.stored().dockerBaseline());
        this.polls = Executors.newScheduledThreadPool(2, daemonThreads("doctor-watch-poll"));
        this.diagnosisThread = Executors.newSingleThreadExecutor(daemonThreads("doctor-watch-diagnosis"));
        this.courierThread = new ScheduledThreadPoolExecutor(1, daemonThreads("doctor-watch-courier"));
        courierThread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false); // retries wait for the next start
        this.courier = new Courier(book, notifier, courierThread, clock, config.backoff(), config.openGrace());
        this.reminders = new Reminders(config.remind());
        this.notifier = notifier;
        this.diagnosis = new DiagnosisRunner(diagnoser, book, diagnosisThread, clock, config.logWindow(), this::afterDiagnosis);
    }

    /**
     * Loads the incidents from {@code stateDir} and starts polling: the daemon at once, the URLs after one interval,
     * then both every interval. An incident left open by an earlier run continues: it is diagnosed again, and its
     * thread updated when it changes.
     */
    public static IncidentWatch start(Config config, Path stateDir, DockerProbe probe, DiagnosisSource diagnoser,
                                      IncidentNotifier notifier, Clock clock) {
        return create(config, stateDir, probe, diagnoser, notifier, clock).start();
    }

    /** Loads the incidents from {@code stateDir}, and does nothing else until {@link #start()}. */
    public static IncidentWatch create(Config config, Path stateDir, DockerProbe probe, DiagnosisSource diagnoser,
                                       IncidentNotifier notifier, Clock clock) {
        return new IncidentWatch(config, stateDir, probe, diagnoser, notifier, clock);
    }

    /** Starts polling, diagnosing and delivering, as {@link #start(Config, Path, DockerProbe, DiagnosisSource, IncidentNotifier, Clock)} says. */
    public IncidentWatch start() {
        book.open().ifPresent(i -> {
            LOG.info("continuing incident {} ({})", i.id(), i.state().wire());
            diagnosis.request();
        });
        courier.kick();
        long ms = config.interval().toMillis();
        // the first URL check waits one interval: a process that is still starting answers its own requests late,
        // and two timeouts of a healthy service at start-up would be a false alarm
        if (!urls.isEmpty()) polls.scheduleAtFixedRate(this::pollUrls, ms, ms, TimeUnit.MILLISECONDS);
        polls.scheduleAtFixedRate(() -> pollDocker(true), 0, ms, TimeUnit.MILLISECONDS);
        return this;
    }

    /** The open incident, if any. */
    public Optional<Incident> openIncident() { return book.open(); }

    /** An incident kept in the state folder (open, or recently resolved), e.g. for a button naming it. */
    public Optional<Incident> incident(String id) { return book.find(id); }

    /**
     * The newest diagnosis of an open incident (with its service-down findings), for the buttons in its thread; empty
     * once it is resolved, or before the first diagnosis since start-up is done.
     */
    public Optional<Diagnosis> diagnosis(String incidentId) {
        return book.find(incidentId).filter(Incident::open).flatMap(book::diagnosisFor);
    }

    /**
     * Someone acknowledged the open incident {@code incidentId}: its root message says who, when and why.
     *
     * @return false when it is not the open incident (resolved meanwhile, or a button of an old one)
     */
    public boolean acknowledge(String incidentId, String user, String reason) {
        IncidentMachine.Change c = book.acknowledge(incidentId, user, reason);
        if (c.changed()) courier.kick();
        return c.changed();
    }

    /**
     * Planned work until {@code until}: signals are kept but open no incident and post nothing; at its end one message
     * says what happened during it, and anything still broken opens its incident. Asked again while one lasts, it
     * moves its end. An incident already open when it starts goes on as before.
     */
    public Maintenance startMaintenance(String user, Instant until, String reason) {
        Maintenance m = book.startMaintenance(user, clock.instant(), until, reason);
        LOG.info("maintenance until {} started by {}{}", until, user, m.reason().isEmpty() ? "" : ": " + m.reason());
        tellMaintenance();
        return m;
    }

    /** Ends the maintenance window under way; empty when none is. */
    public Optional<Maintenance> endMaintenance(String user) {
        Optional<Maintenance> m = book.endMaintenance(user, clock.instant());
        m.ifPresent(w -> {
            LOG.info("maintenance ended early by {}", user);
            maintenanceOver(w);
            tellMaintenance();
            pollDockerSoon(); // what is still broken opens its incident now, not an interval later
        });
        return m;
    }

    /** The maintenance window under way now, if any. */
    public Optional<Maintenance> maintenance() {
        Instant now = clock.instant();
        return Optional.ofNullable(book.maintenance(now)).filter(m -> m.activeAt(now));
    }

    /** A recovery step ran for this incident: it is mitigating now, and a new diagnosis decides what is left. */
    public void stepRan(String incidentId, String stepId, boolean succeeded) {
        synchronized (docker) {
            docker.forgetRestarts(); // what the step restarted is no loop
        }
        IncidentMachine.Change c = book.stepRan(incidentId, stepId, succeeded);
        if (c.changed()) {
            diagnosis.request();
            courier.kick();
        }
        pollDockerSoon();
    }

    /**
     * Polls the daemon now, besides the interval (after a step, or when its event stream says something). A burst of
     * calls while one such poll waits to run is one poll.
     */
    public void pollDockerSoon() {
        if (!extraPollQueued.compareAndSet(false, true)) return;
        try {
            polls.execute(() -> {
                extraPollQueued.set(false);
                pollDocker(false);
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            extraPollQueued.set(false); // stopping
        }
    }

    public Config config() { return config; }

    /**
     * Stops polling (a poll under way gets a second to finish) and diagnosing; a notification under way may finish
     * (up to 5 s) so that what it posted is saved. What is left undelivered is delivered by the next start.
     */
    @Override
    public void close() {
        polls.shutdown();
        diagnosisThread.shutdownNow();
        courierThread.shutdown();
        try {
            if (!polls.awaitTermination(1, TimeUnit.SECONDS)) polls.shutdownNow(); // a hanging check is cut short
            if (!courierThread.awaitTermination(5, TimeUnit.SECONDS)) courierThread.shutdownNow();
            polls.awaitTermination(5, TimeUnit.SECONDS);
            diagnosisThread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            http.shutdownNow();
        }
    }

    // ------------------------------------------------------------------------------------------------- the loop

    private void pollUrls() {
        guarded("URL poll", () -> {
            Reading r = urls.poll();
            if (!Thread.currentThread().isInterrupted()) feed(r);
        });
    }

    private void pollDocker(boolean scheduled) {
        guarded("Docker poll", () -> {
            Reading r;
            synchronized (docker) { // the interval and pollDockerSoon must not interleave their readings
                DaemonState s = probe.inspect();
                if (Thread.currentThread().isInterrupted()) return; // stopping: "interrupted" is not "unreachable"
                r = docker.observe(s, scheduled);
            }
            book.baseline(docker.baseline());
            feed(r);
        });
    }

    private void feed(Reading reading) {
        Instant now = clock.instant();
        Maintenance m = book.maintenance(now);
        Reading r = reading;
        if (m != null && m.activeAt(now) && book.open().isEmpty()) {
            book.seenDuringMaintenance(reading.problems());
            r = reading.withoutProblems();
        } else if (m != null && m.endedAt() != null && !m.id().equals(maintenanceClosedFor)) {
            maintenanceOver(m);
        }
        if (m != null && m.needsTelling()) tellMaintenance();
        IncidentMachine.Change c = book.feed(r);
        switch (c.kind()) {
            case OPENED, REOPENED -> LOG.warn("incident {} {}: {}", c.incident().id(), c.kind() == IncidentMachine.Kind.OPENED
                    ? "opened" : "reopened", c.incident().headline());
            case UPDATED -> LOG.info("incident {} {}: {}", c.incident().id(), c.incident().state().wire(), c.incident().headline());
            case RESOLVED -> resolvedNow(c.incident());
            case NONE -> { }
        }
        if (c.changed()) {
            if (c.kind() != IncidentMachine.Kind.RESOLVED) diagnosis.request();
            courier.kick();
        }
        refreshIfStale();
        remindIfDue();
    }

    private void maintenanceOver(Maintenance m) {
        maintenanceClosedFor = m.id();
        synchronized (docker) {
            docker.forgetRestarts(); // the restarts of the planned work are no loop
        }
    }

    // on the courier's thread, one at a time; what does not get through is told again at the next poll
    private void tellMaintenance() {
        if (!maintenanceNewsQueued.compareAndSet(false, true)) return;
        try {
            courierThread.execute(() -> {
                maintenanceNewsQueued.set(false);
                Maintenance m = book.maintenance(clock.instant());
                if (m == null || !m.needsTelling()) return;
                try {
                    notifier.maintenance(m);
                    book.maintenanceTold(m);
                } catch (DeliveryException | RuntimeException e) {
                    LOG.warn("maintenance {}: the message did not get through ({}); trying again at the next poll", m.id(), e.getMessage());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            maintenanceNewsQueued.set(false); // stopping
        }
    }

    // on the courier's thread: one call to the chat at a time, as every delivery
    private void remindIfDue() {
        if (!reminders.enabled()) return;
        Optional<Incident> open = book.open();
        if (open.isEmpty()) return;
        Optional<Instant> slot = reminders.due(open.get(), clock.instant());
        if (slot.isEmpty()) return;
        Incident i = open.get();
        Duration openFor = Duration.between(i.openedAt(), slot.get());
        try {
            courierThread.execute(() -> {
                try {
                    notifier.remind(i, openFor);
                    LOG.info("incident {}: reminded, open {} and not acknowledged", i.id(), Durations.words(openFor));
                } catch (DeliveryException | RuntimeException e) {
                    LOG.warn("incident {}: the reminder did not get through ({})", i.id(), e.getMessage());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopping
        }
    }

    private void refreshIfStale() {
        Optional<Incident> open = book.open();
        if (open.isEmpty() || diagnosis.busy()) return;
        Instant last = diagnosis.lastStarted();
        if (last == null || !clock.instant().isBefore(last.plus(config.refresh()))) diagnosis.request();
    }

    private void afterDiagnosis(IncidentMachine.Change c) {
        if (c.kind() == IncidentMachine.Kind.RESOLVED) resolvedNow(c.incident());
        if (c.changed()) courier.kick();
    }

    private void resolvedNow(Incident i) {
        LOG.info("incident {} resolved after {}", i.id(), Durations.words(i.duration()));
        synchronized (docker) {
            docker.adoptCurrent();
        }
        book.baseline(docker.baseline());
    }

    private static void guarded(String what, Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            // a scheduled task that throws is never run again: the watch must survive anything
            LOG.warn("{} failed; trying again next interval", what, e);
        }
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
