package dev.dockerdoctor.watch;

import dev.dockerdoctor.model.Diagnosis;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one place incidents change: the {@link IncidentMachine} behind a lock, saved to the {@link IncidentStore}
 * after every change, with the newest diagnosis of each incident (in memory: a restarted bot diagnoses again).
 * A save that fails is logged and the bot carries on from memory: a full disk must not silence the alarm.
 */
final class IncidentBook {
    private static final Logger LOG = LoggerFactory.getLogger(IncidentBook.class);

    private final IncidentMachine machine;
    private final IncidentStore store;
    private final Clock clock;
    private final Map<String, Diagnosis> diagnoses = new LinkedHashMap<>();
    private DockerBaseline baseline;
    private Maintenance maintenance;

    IncidentBook(IncidentMachine machine, IncidentStore store, Clock clock, DockerBaseline baseline, Maintenance maintenance) {
        this.machine = machine;
        this.store = store;
        this.clock = clock;
        this.baseline = baseline;
        this.maintenance = maintenance;
    }

    // ------------------------------------------------------------------------------------------------ maintenance

    /**
     * The maintenance window as it stands at {@code now} (the one under way, or the last one), null when there never
     * was one. A window whose time ran out is marked ended here, as of its {@code until}.
     */
    synchronized Maintenance maintenance(Instant now) {
        if (maintenance != null && maintenance.runOutAt(now)) {
            maintenance = maintenance.ended(maintenance.until(), null);
            save();
        }
        return maintenance;
    }

    /** Starts a window, or moves the end of the one under way (its start is told again, with the new end). */
    synchronized Maintenance startMaintenance(String user, Instant now, Instant until, String reason) {
        Maintenance m = maintenance(now);
        maintenance = m != null && m.activeAt(now) ? m.extendedTo(until, reason) : Maintenance.start(user, now, until, reason);
        save();
        return maintenance;
    }

    /** Ends the window under way now; empty when none is. */
    synchronized Optional<Maintenance> endMaintenance(String user, Instant now) {
        Maintenance m = maintenance(now);
        if (m == null || !m.activeAt(now)) return Optional.empty();
        maintenance = m.ended(now, user);
        save();
        return Optional.of(maintenance);
    }

    /** Keeps the problems of a reading that came during the window. */
    synchronized void seenDuringMaintenance(java.util.List<Signal> problems) {
        if (maintenance == null || problems.isEmpty()) return;
        Maintenance m = maintenance.seeing(problems);
        if (m == maintenance) return;
        maintenance = m;
        save();
    }

    /** The chat was told of window {@code id} as it was in {@code told}. */
    synchronized void maintenanceTold(Maintenance told) {
        if (maintenance == null || !maintenance.id().equals(told.id())) return;
        Maintenance m = maintenance;
        if (!told.startPosted() && m.until().equals(told.until())) m = m.withStartPosted();
        if (told.endedAt() != null) m = m.withStartPosted().withEndPosted();
        maintenance = m;
        save();
    }

    synchronized IncidentMachine.Change feed(Reading r) {
        IncidentMachine.Change c = machine.observe(r);
        if (c.changed() || (!r.notes().isEmpty() && machine.open().isPresent())) save();
        return c;
    }

    /** A finished diagnosis, started at {@code startedAt}: its verdict goes to the open incident. */
    synchronized IncidentMachine.Change diagnosed(Diagnosis d, Instant startedAt) {
        Optional<Incident> open = machine.open();
        if (open.isEmpty()) return new IncidentMachine.Change(IncidentMachine.Kind.NONE, null);
        IncidentMachine.Change c = machine.diagnosed(Verdict.of(d, startedAt));
        diagnoses.put(c.incident().id(), d);
        if (c.changed()) save();
        return c;
    }

    synchronized IncidentMachine.Change stepRan(String incidentId, String stepId, boolean ok) {
        IncidentMachine.Change c = machine.stepRan(incidentId, stepId, ok);
        if (c.changed()) save();
        return c;
    }

    synchronized IncidentMachine.Change acknowledge(String incidentId, String user, String reason) {
        IncidentMachine.Change c = machine.acknowledge(incidentId, user, reason);
        if (c.changed()) save();
        return c;
    }

    /** The newest diagnosis of this incident with its service-down findings, if one finished since start-up. */
    synchronized Optional<Diagnosis> diagnosisFor(Incident i) {
        Diagnosis d = diagnoses.get(i.id());
        return d == null ? Optional.empty() : Optional.of(ServiceDown.addTo(d, i));
    }

    synchronized boolean hasDiagnosis(String id) { return diagnoses.containsKey(id); }

    synchronized Optional<Incident> open() { return machine.open(); }

    synchronized Optional<Incident> find(String id) { return machine.find(id); }

    /** The incident to deliver next: the oldest whose chat is behind and whose retry time has come. */
    synchronized Optional<Incident> nextDue(Instant now) {
        return machine.undelivered().stream()
                .filter(i -> i.delivery().nextAttemptAt() == null || !i.delivery().nextAttemptAt().isAfter(now))
                .findFirst();
    }

    /** When the earliest waiting retry is due, if any incident waits. */
    synchronized Optional<Instant> nextRetry() {
        return machine.undelivered().stream().map(i -> i.delivery().nextAttemptAt())
                .filter(java.util.Objects::nonNull).min(Comparator.naturalOrder());
    }

    synchronized Incident postingStarted(String id) {
        Incident i = machine.postingStarted(id);
        save();
        return i;
    }

    synchronized void posted(String id, ThreadRef thread) {
        machine.posted(id, thread);
        save();
    }

    synchronized void delivered(String id, int revision, ThreadRef thread) {
        machine.delivered(id, revision, thread);
        save();
        diagnoses.keySet().removeIf(k -> machine.find(k).isEmpty()); // forgotten incidents need no diagnosis
    }

    synchronized void deliveryFailed(String id, String error, Instant next) {
        machine.deliveryFailed(id, error, next);
        save();
    }

    synchronized void baseline(DockerBaseline b) {
        if (java.util.Objects.equals(b, baseline)) return;
        baseline = b;
        save();
    }

    synchronized DockerBaseline baseline() { return baseline; }

    // An interrupt (the watch stopping) would close the file channel mid-write: hold it until the save is done.
    private void save() {
        boolean interrupted = Thread.interrupted();
        try {
            store.save(new IncidentStore.Stored(IncidentStore.VERSION, machine.all(), baseline, maintenance));
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot save incidents to {} ({}); carrying on from memory", store.file(), e.toString());
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    Clock clock() { return clock; }
}
