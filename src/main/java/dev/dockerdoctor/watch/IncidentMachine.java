package dev.dockerdoctor.watch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The incidents of one host, pure (an injected clock, no I/O, not thread-safe: the caller serialises):
 * <ul>
 * <li>at most one open incident; every signal seen while it is open joins it;</li>
 * <li>open -&gt; mitigating when some signals cleared or a step ran; back to open when a signal (re)appears;</li>
 * <li>resolved when no service is down (URLs up, daemon answering) and a diagnosis started after the last change
 *     finds nothing critical; the duration is from the first failure to then;</li>
 * <li>a problem within {@code reopenWithin} of a resolution reopens that incident (same thread) instead of
 *     starting another: a slow flap gives one thread, not one per swing.</li>
 * </ul>
 * Every change the chat should show bumps the incident's revision ({@link Incident#needsUpdate()}).
 */
public final class IncidentMachine {
    private static final DateTimeFormatter ID_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    public record Options(Duration reopenWithin, int timelineLimit, int keepResolved) {
        public static final Options DEFAULT = new Options(Duration.ofMinutes(10), 200, 20);
    }

    public enum Kind { NONE, OPENED, REOPENED, UPDATED, RESOLVED }

    /** How a diagnosis is said on the timeline: {@link Incident#namedCause()} reads it back. */
    static final String DIAGNOSIS_NOTE = "diagnosis: ";
    static final String NO_CAUSE = "no problem found on the Docker host";
    /** How a step that ran is said on the timeline. */
    static final String STEP_NOTE = "step ";

    /** What a call did, and the incident as it is now (null for NONE without an incident). */
    public record Change(Kind kind, Incident incident) {
        public boolean changed() { return kind != Kind.NONE; }
    }

    private final String host;
    private final Clock clock;
    private final Options options;
    private Incident open;
    private final List<Incident> resolved = new ArrayList<>(); // newest first

    public IncidentMachine(String host, Clock clock, Options options, List<Incident> restored) {
        this.host = host;
        this.clock = clock;
        this.options = options;
        List<Incident> sorted = new ArrayList<>(restored);
        sorted.sort(Comparator.comparing(Incident::openedAt).reversed());
        for (Incident i : sorted) {
            if (i.open() && open == null) open = i;
            else if (i.open()) resolved.add(forceResolved(i)); // two open ones cannot happen; keep the newest
            else resolved.add(i);
        }
        trimResolved();
    }

    public Optional<Incident> open() { return Optional.ofNullable(open); }

    /** Every incident kept: the open one first, then the resolved ones, newest first. */
    public List<Incident> all() {
        List<Incident> all = new ArrayList<>();
        if (open != null) all.add(open);
        all.addAll(resolved);
        return all;
    }

    public Optional<Incident> find(String id) {
        return all().stream().filter(i -> i.id().equals(id)).findFirst();
    }

    /** Incidents whose newest revision the chat has not seen, oldest first. */
    public List<Incident> undelivered() {
        List<Incident> out = new ArrayList<>(all().stream().filter(Incident::needsUpdate).toList());
        out.sort(Comparator.comparing(Incident::openedAt));
        return out;
    }

    // ------------------------------------------------------------------------------------------------- signals

    public Change observe(Reading reading) {
        Instant now = clock.instant();
        if (open == null) {
            if (reading.problems().isEmpty()) return new Change(Kind.NONE, null);
            Incident last = resolved.isEmpty() ? null : resolved.get(0);
            if (last != null && last.resolvedAt() != null && !now.isAfter(last.resolvedAt().plus(options.reopenWithin()))) {
                resolved.remove(0);
                Draft d = new Draft(last, options.timelineLimit());
                d.state = IncidentState.OPEN;
                d.resolvedAt = null;
                d.duration = null;
                d.acknowledgement = null; // an acknowledgement ends with the incident it was for
                d.note(now, "reopened: a problem came back " + Durations.words(Duration.between(last.resolvedAt(), now))
                        + " after it was resolved");
                for (Signal s : reading.problems()) d.raise(s, now);
                d.changed(now, true);
                open = d.freeze();
                return new Change(Kind.REOPENED, open);
            }
            Instant first = reading.problems().stream().map(Signal::time).min(Comparator.naturalOrder()).orElse(now);
            Draft d = new Draft(newId(first), host, first, options.timelineLimit());
            reading.problems().stream().sorted(Comparator.comparing(Signal::time)).forEach(s -> d.raise(s, now));
            d.changed(now, true);
            open = d.freeze();
            return new Change(Kind.OPENED, open);
        }
        Draft d = new Draft(open, options.timelineLimit());
        for (TimelineEntry n : reading.notes()) d.note(n.at(), n.text());
        boolean raised = false;
        boolean cleared = false;
        boolean reworded = false;
        Set<SignalKey> seen = new java.util.HashSet<>();
        for (Signal s : reading.problems()) {
            seen.add(s.key());
            switch (d.raise(s, now)) {
                case RAISED -> raised = true;
                case REWORDED -> reworded = true;
                case SAME -> { }
            }
        }
        for (SignalRecord r : List.copyOf(d.signals.values())) {
            if (r.active() && !seen.contains(r.key()) && reading.healthy().contains(r.key())) {
                d.clear(r.key(), now, healthyWords(r));
                cleared = true;
            }
        }
        if (!raised && !cleared && !reworded) {
            open = d.freeze(); // lastSeen moved: not news
            return resolveIfDue(new Change(Kind.NONE, open));
        }
        if (raised) d.state = IncidentState.OPEN;
        else if (cleared && d.state == IncidentState.OPEN) d.state = IncidentState.MITIGATING;
        d.changed(now, raised || cleared);
        open = d.freeze();
        return resolveIfDue(new Change(Kind.UPDATED, open));
    }

    // ---------------------------------------------------------------------------------------------- diagnosis

    /** A diagnosis finished: keep its verdict; it may close the incident. */
    public Change diagnosed(Verdict v) {
        if (open == null) return new Change(Kind.NONE, null);
        Instant now = clock.instant();
        Draft d = new Draft(open, options.timelineLimit());
        boolean news = !v.sameAs(open.verdict());
        d.verdict = v;
        if (news) {
            d.note(now, v.likelyCause() == null ? DIAGNOSIS_NOTE + NO_CAUSE : DIAGNOSIS_NOTE + v.likelyCause());
            d.changed(now, false);
        }
        open = d.freeze();
        return resolveIfDue(new Change(news ? Kind.UPDATED : Kind.NONE, open));
    }

    /** A recovery step ran for this incident (a button): mitigating, and a new diagnosis must confirm. */
    public Change stepRan(String incidentId, String stepId, boolean succeeded) {
        if (open == null || !open.id().equals(incidentId)) return new Change(Kind.NONE, open);
        Instant now = clock.instant();
        Draft d = new Draft(open, options.timelineLimit());
        d.stepsRan.add(stepId);
        d.note(now, STEP_NOTE + stepId + " ran: " + (succeeded ? "succeeded" : "failed"));
        if (d.state == IncidentState.OPEN) d.state = IncidentState.MITIGATING;
        d.changed(now, true);
        open = d.freeze();
        return new Change(Kind.UPDATED, open);
    }

    /**
     * Someone is on it: kept on the open incident, said on its timeline; a second acknowledgement replaces the first
     * (the newest word on what is being done). Signals keep coming and being shown; nothing else changes.
     */
    public Change acknowledge(String incidentId, String user, String reason) {
        if (open == null || !open.id().equals(incidentId)) return new Change(Kind.NONE, open);
        Instant now = clock.instant();
        Draft d = new Draft(open, options.timelineLimit());
        d.acknowledgement = new Acknowledgement(user, now, reason);
        d.note(now, "acknowledged by " + user + (d.acknowledgement.reason().isEmpty() ? "" : ": " + d.acknowledgement.reason()));
        d.changed(now, false);
        open = d.freeze();
        return new Change(Kind.UPDATED, open);
    }

    /** Nothing is down and the newest diagnosis, started after the last change, finds nothing critical. */
    public boolean canResolve() {
        if (open == null || open.verdict() == null) return false;
        boolean serviceDown = open.activeSignals().stream().anyMatch(s -> s.kind().service());
        return !serviceDown && open.verdict().critical().isEmpty()
                && !open.verdict().startedAt().isBefore(open.evidenceChangedAt());
    }

    private Change resolveIfDue(Change c) {
        if (!canResolve()) return c;
        Instant now = clock.instant();
        Draft d = new Draft(open, options.timelineLimit());
        for (SignalRecord r : List.copyOf(d.signals.values())) {
            if (r.active()) d.clear(r.key(), now, r.detail() + ": the diagnosis finds nothing critical any more");
        }
        d.state = IncidentState.RESOLVED;
        d.resolvedAt = now;
        d.duration = Duration.between(d.openedAt, now);
        d.note(now, "resolved after " + Durations.words(d.duration));
        d.changed(now, false);
        Incident done = d.freeze();
        open = null;
        resolved.add(0, done);
        trimResolved();
        return new Change(Kind.RESOLVED, done);
    }

    // ------------------------------------------------------------------------------------------------ delivery

    /** Marks that a root message is about to be sent (persist this before sending). */
    public Incident postingStarted(String id) {
        return updateDelivery(id, d -> d.posting(clock.instant()));
    }

    /** The root message is posted: its place is known, whatever revision follows. */
    public Incident posted(String id, ThreadRef thread) {
        return updateDelivery(id, d -> d.posted(thread));
    }

    /** The chat shows this revision now. */
    public Incident delivered(String id, int revision, ThreadRef thread) {
        return updateDelivery(id, d -> d.delivered(revision, thread));
    }

    public Incident deliveryFailed(String id, String error, Instant nextAttempt) {
        return updateDelivery(id, d -> d.failed(error, nextAttempt));
    }

    private Incident updateDelivery(String id, UnaryOperator<Delivery> f) {
        if (open != null && open.id().equals(id)) {
            open = open.withDelivery(f.apply(open.delivery()));
            return open;
        }
        for (int i = 0; i < resolved.size(); i++) {
            if (resolved.get(i).id().equals(id)) {
                Incident u = resolved.get(i).withDelivery(f.apply(resolved.get(i).delivery()));
                resolved.set(i, u);
                return u;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------------- helpers

    private String newId(Instant first) {
        String base = "inc-" + ID_STAMP.format(first);
        String id = base;
        for (int n = 2; find(id).isPresent(); n++) id = base + "-" + n;
        return id;
    }

    private static String healthyWords(SignalRecord r) {
        return switch (r.kind()) {
            case URL_DOWN -> r.subject() + " answers again";
            case DAEMON_UNREACHABLE -> "the Docker daemon answers again";
            case DATA_ROOT_CHANGED -> "Docker's root directory is back where it was";
            case CONTAINERS_COLLAPSED -> "the containers are back";
            case CONTAINER_RESTART_LOOP -> r.subject() + " stopped restarting";
            case CONTAINER_UNHEALTHY -> r.subject() + " passes its health check again";
            case CONTAINER_OOM_KILLED -> r.subject() + " runs again after it was killed for lack of memory";
            case AGENT_SILENT -> "its agent reports again";
        };
    }

    private void trimResolved() {
        // resolved incidents whose chat is not up to date are kept until it is
        for (int i = resolved.size() - 1; i >= options.keepResolved(); i--) {
            if (!resolved.get(i).needsUpdate()) resolved.remove(i);
        }
    }

    private Incident forceResolved(Incident i) {
        Draft d = new Draft(i, options.timelineLimit());
        Instant now = clock.instant();
        d.state = IncidentState.RESOLVED;
        d.resolvedAt = now;
        d.duration = Duration.between(d.openedAt, now);
        d.note(now, "closed: a newer incident superseded it");
        d.changed(now, false);
        return d.freeze();
    }

    /** A mutable working copy of one incident, so each transition reads as a few plain statements. */
    private static final class Draft {
        enum Raise { RAISED, REWORDED, SAME }

        final String id;
        final String host;
        final Instant openedAt;
        final int timelineLimit;
        IncidentState state;
        Instant updatedAt;
        Instant evidenceChangedAt;
        Instant resolvedAt;
        Duration duration;
        final Map<SignalKey, SignalRecord> signals = new LinkedHashMap<>();
        final List<TimelineEntry> timeline;
        int timelineDropped;
        Verdict verdict;
        final List<String> stepsRan;
        int revision;
        final Delivery delivery;
        Acknowledgement acknowledgement;

        Draft(String id, String host, Instant openedAt, int timelineLimit) {
            this.id = id;
            this.host = host;
            this.openedAt = openedAt;
            this.timelineLimit = timelineLimit;
            this.state = IncidentState.OPEN;
            this.updatedAt = openedAt;
            this.evidenceChangedAt = openedAt;
            this.timeline = new ArrayList<>();
            this.stepsRan = new ArrayList<>();
            this.delivery = Delivery.NONE;
        }

        Draft(Incident i, int timelineLimit) {
            this.id = i.id();
            this.host = i.host();
            this.openedAt = i.openedAt();
            this.timelineLimit = timelineLimit;
            this.state = i.state();
            this.updatedAt = i.updatedAt();
            this.evidenceChangedAt = i.evidenceChangedAt();
            this.resolvedAt = i.resolvedAt();
            this.duration = i.duration();
            i.signals().forEach(s -> signals.put(s.key(), s));
            this.timeline = new ArrayList<>(i.timeline());
            this.timelineDropped = i.timelineDropped();
            this.verdict = i.verdict();
            this.stepsRan = new ArrayList<>(i.stepsRan());
            this.revision = i.revision();
            this.delivery = i.delivery();
            this.acknowledgement = i.acknowledgement();
        }

        Raise raise(Signal s, Instant now) {
            SignalRecord r = signals.get(s.key());
            if (r == null) {
                signals.put(s.key(), new SignalRecord(s.kind(), s.subject(), s.detail(), s.time(), now, null));
                note(s.time(), s.detail());
                return Raise.RAISED;
            }
            if (!r.active()) {
                signals.put(s.key(), new SignalRecord(s.kind(), s.subject(), s.detail(), r.firstSeen(), now, null));
                note(now, "again: " + s.detail());
                return Raise.RAISED;
            }
            boolean reworded = !java.util.Objects.equals(r.detail(), s.detail());
            signals.put(s.key(), new SignalRecord(s.kind(), s.subject(), s.detail(), r.firstSeen(), now, null));
            if (reworded) note(now, "now: " + s.detail());
            return reworded ? Raise.REWORDED : Raise.SAME;
        }

        void clear(SignalKey key, Instant now, String words) {
            SignalRecord r = signals.get(key);
            signals.put(key, new SignalRecord(r.kind(), r.subject(), r.detail(), r.firstSeen(), r.lastSeen(), now));
            note(now, words);
        }

        void note(Instant at, String text) {
            timeline.add(new TimelineEntry(at, text));
            timeline.sort(Comparator.comparing(TimelineEntry::at)); // stable: same-time lines keep their order
            while (timeline.size() > timelineLimit) {
                timeline.remove(1); // keep the first line: how it began
                timelineDropped++;
            }
        }

        void changed(Instant now, boolean evidence) {
            revision++;
            updatedAt = now;
            if (evidence) evidenceChangedAt = now;
        }

        Incident freeze() {
            return new Incident(id, host, state, openedAt, updatedAt, evidenceChangedAt, resolvedAt, duration,
                    List.copyOf(signals.values()), timeline, timelineDropped, verdict, stepsRan, revision, delivery,
                    acknowledgement);
        }
    }
}
