package dev.dockerdoctor.watch;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One outage of this host, however many signals it raised while open. Changed only by {@link IncidentMachine};
 * persisted by {@link IncidentStore}.
 *
 * @param id                 stable, e.g. {@code inc-20211007-062112}; names the incident in button values
 * @param openedAt           when its first signal was first seen (the first failure, not the confirmation)
 * @param evidenceChangedAt  the last time a signal came, went or a step ran: only a diagnosis started after it can
 *                           close the incident
 * @param duration           from {@code openedAt} to {@code resolvedAt}, once resolved
 * @param revision           bumped on every change the chat should show; see {@link #needsUpdate()}
 * @param acknowledgement    who said they are on it, while it is open (kept on the resolved record); null if nobody
 */
public record Incident(String id, String host, IncidentState state, Instant openedAt, Instant updatedAt,
                       Instant evidenceChangedAt, Instant resolvedAt, Duration duration, List<SignalRecord> signals,
                       List<TimelineEntry> timeline, int timelineDropped, Verdict verdict, List<String> stepsRan,
                       int revision, Delivery delivery, Acknowledgement acknowledgement) {
    /** Nobody has acknowledged it. */
    public Incident(String id, String host, IncidentState state, Instant openedAt, Instant updatedAt,
                    Instant evidenceChangedAt, Instant resolvedAt, Duration duration, List<SignalRecord> signals,
                    List<TimelineEntry> timeline, int timelineDropped, Verdict verdict, List<String> stepsRan,
                    int revision, Delivery delivery) {
        this(id, host, state, openedAt, updatedAt, evidenceChangedAt, resolvedAt, duration, signals, timeline,
                timelineDropped, verdict, stepsRan, revision, delivery, null);
    }

    public Incident {
        signals = List.copyOf(signals);
        timeline = List.copyOf(timeline);
        stepsRan = List.copyOf(stepsRan);
        delivery = delivery == null ? Delivery.NONE : delivery;
    }

    /** The chat does not show this revision yet. */
    @JsonProperty("needsUpdate")
    public boolean needsUpdate() { return revision > delivery.deliveredRevision(); }

    public ThreadRef thread() { return delivery.thread(); }

    public List<SignalRecord> activeSignals() { return signals.stream().filter(SignalRecord::active).toList(); }

    public boolean open() { return state != IncidentState.RESOLVED; }

    /**
     * The cause a diagnosis named while the incident lasted (from the timeline), else the newest verdict's. A resolved incident's verdict is the clean one that closed it, so its cause is on the timeline.
     */
    public java.util.Optional<String> namedCause() {
        // the diagnosis at the worst: the last one before anybody ran a step (after one, what is left is an
        // aftermath such as "an upgrade restarted Docker"); without steps, the last one
        String beforeSteps = null;
        String last = null;
        boolean stepRan = false;
        for (TimelineEntry t : timeline) {
            if (t.text().startsWith(IncidentMachine.STEP_NOTE)) stepRan = true;
            if (!t.text().startsWith(IncidentMachine.DIAGNOSIS_NOTE)) continue;
            String cause = t.text().substring(IncidentMachine.DIAGNOSIS_NOTE.length());
            if (cause.equals(IncidentMachine.NO_CAUSE)) continue;
            last = cause;
            if (!stepRan) beforeSteps = cause;
        }
        if (beforeSteps != null) return java.util.Optional.of(beforeSteps);
        if (last != null) return java.util.Optional.of(last);
        return java.util.Optional.ofNullable(verdict == null ? null : verdict.likelyCause());
    }

    /**
     * What is down and the likely cause, in one line: "gitlab answered 404; Docker's root directory changed from
     * /big to /var/lib/docker. Likely cause: ...". Platform-neutral; the Slack root message may use it as is.
     */
    public String headline() {
        String what;
        if (state == IncidentState.RESOLVED) {
            what = "Resolved after " + Durations.words(duration) + ": " + signals.stream().map(SignalRecord::detail)
                    .collect(Collectors.joining("; "));
        } else {
            List<SignalRecord> on = activeSignals();
            what = on.isEmpty() ? "Recovering: every watched signal is healthy again, waiting for a clean diagnosis"
                    : on.stream().map(SignalRecord::detail).collect(Collectors.joining("; "));
        }
        String cause = verdict == null ? "diagnosing..." : verdict.likelyCause() == null ? "no problem found on the Docker host"
                : verdict.likelyCause();
        return what + ". Likely cause: " + cause;
    }

    /** This incident as it lives in {@code t} (a hub keeps where each agent's incident really is). */
    public Incident inThread(ThreadRef t) {
        return withDelivery(delivery.posted(t));
    }

    Incident withDelivery(Delivery d) {
        return new Incident(id, host, state, openedAt, updatedAt, evidenceChangedAt, resolvedAt, duration, signals,
                timeline, timelineDropped, verdict, stepsRan, revision, d, acknowledgement);
    }
}
