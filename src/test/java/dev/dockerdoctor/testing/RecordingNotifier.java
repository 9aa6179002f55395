package dev.dockerdoctor.testing;

import dev.dockerdoctor.watch.DeliveryException;
import dev.dockerdoctor.watch.Incident;
import dev.dockerdoctor.watch.IncidentNotifier;
import dev.dockerdoctor.watch.IncidentState;
import dev.dockerdoctor.watch.ThreadRef;
import dev.dockerdoctor.model.Diagnosis;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A named stand-in for the chat: root messages it "posted" (by incident id, with a fresh ts each), every call with
 * its time, and a script of failures to answer the next calls with (429 with Retry-After, 500...).
 */
public final class RecordingNotifier implements IncidentNotifier {
    public enum Op { OPENED, OPENED_IN, UPDATED, RESOLVED, FIND, GROUP }

    public record Call(Op op, String incidentId, IncidentState state, int revision, String ts, boolean withDiagnosis,
                long nanos, boolean failed) {
    }

    private final Map<String, ThreadRef> posted;
    private final List<Call> calls = new ArrayList<>();
    private final Deque<DeliveryException> failures = new ArrayDeque<>();
    private final AtomicInteger ts;
    private boolean loseNextPostAnswer;
    private final List<dev.dockerdoctor.watch.Maintenance> maintenance = new ArrayList<>();

    public RecordingNotifier() {
        this(new LinkedHashMap<>(), new AtomicInteger(1633587600));
    }

    private RecordingNotifier(Map<String, ThreadRef> chat, AtomicInteger ts) {
        this.posted = chat;
        this.ts = ts;
    }

    /** Another bot process talking to the same chat (what a restart looks like from Slack's side). */
    public synchronized RecordingNotifier sameChat() {
        return new RecordingNotifier(posted, ts);
    }

    public synchronized RecordingNotifier failNext(DeliveryException... e) {
        failures.addAll(List.of(e));
        return this;
    }

    /** The next root message is posted, but its answer is lost (the bot sees a failure). */
    public synchronized RecordingNotifier loseNextPostAnswer() {
        loseNextPostAnswer = true;
        return this;
    }

    @Override
    public synchronized ThreadRef opened(Incident incident, Optional<Diagnosis> diagnosis) throws DeliveryException {
        DeliveryException e = failures.poll();
        if (e != null) {
            record(Op.OPENED, incident, null, diagnosis, true);
            throw e;
        }
        ThreadRef ref = new ThreadRef("C0INCIDENTS", ts.incrementAndGet() + ".000100");
        posted.put(incident.id(), ref);
        if (loseNextPostAnswer) {
            loseNextPostAnswer = false;
            record(Op.OPENED, incident, ref.ts(), diagnosis, true);
            throw DeliveryException.transientFailure("read timed out", null);
        }
        record(Op.OPENED, incident, ref.ts(), diagnosis, false);
        return ref;
    }

    @Override
    public synchronized ThreadRef updated(Incident incident, Optional<Diagnosis> diagnosis) throws DeliveryException {
        return edit(Op.UPDATED, incident, diagnosis);
    }

    @Override
    public synchronized ThreadRef resolved(Incident incident, Optional<Diagnosis> diagnosis) throws DeliveryException {
        return edit(Op.RESOLVED, incident, diagnosis);
    }

    /** A card in a group's thread: a reply, with a fresh ts, whose later replies go to the group's thread. */
    @Override
    public synchronized ThreadRef openedIn(ThreadRef group, Incident incident, Optional<Diagnosis> diagnosis) throws DeliveryException {
        DeliveryException e = failures.poll();
        if (e != null) {
            record(Op.OPENED_IN, incident, null, diagnosis, true);
            throw e;
        }
        ThreadRef ref = new ThreadRef(group.channel(), ts.incrementAndGet() + ".000300", Map.of(ThreadRef.GROUP_THREAD, group.ts()));
        record(Op.OPENED_IN, incident, ref.ts(), diagnosis, false);
        return ref;
    }

    /** The group roots as edited, newest last (each: the root's ts and the group as shown). */
    public record GroupEdit(String rootTs, dev.dockerdoctor.watch.IncidentGroup group) {
    }

    private final List<GroupEdit> groupEdits = new ArrayList<>();

    @Override
    public synchronized ThreadRef group(ThreadRef root, dev.dockerdoctor.watch.IncidentGroup group) throws DeliveryException {
        DeliveryException e = failures.poll();
        if (e != null) throw e;
        groupEdits.add(new GroupEdit(root.ts(), group));
        return root;
    }

    public synchronized List<GroupEdit> groupEdits() { return List.copyOf(groupEdits); }

    /** Maintenance news fails with the same script of failures as the incidents' posts. */
    @Override
    public synchronized void maintenance(dev.dockerdoctor.watch.Maintenance window) throws DeliveryException {
        DeliveryException e = failures.poll();
        if (e != null) throw e;
        maintenance.add(window);
    }

    /** The maintenance news told, in order. */
    public synchronized List<dev.dockerdoctor.watch.Maintenance> maintenanceTold() { return List.copyOf(maintenance); }

    @Override
    public synchronized Optional<ThreadRef> findPosted(Incident incident) {
        ThreadRef ref = posted.get(incident.id());
        record(Op.FIND, incident, ref == null ? null : ref.ts(), Optional.empty(), false);
        return Optional.ofNullable(ref);
    }

    private ThreadRef edit(Op op, Incident incident, Optional<Diagnosis> diagnosis) throws DeliveryException {
        DeliveryException e = failures.poll();
        record(op, incident, incident.thread().ts(), diagnosis, e != null);
        if (e != null) throw e;
        if (diagnosis.isPresent() && !incident.thread().replies().containsKey("diagnosis")) {
            return incident.thread().withReply("diagnosis", ts.incrementAndGet() + ".000200");
        }
        return incident.thread();
    }

    private void record(Op op, Incident i, String tsOf, Optional<Diagnosis> d, boolean failed) {
        calls.add(new Call(op, i.id(), i.state(), i.revision(), tsOf, d.isPresent(), System.nanoTime(), failed));
    }

    public synchronized List<Call> calls() { return List.copyOf(calls); }

    public synchronized List<Call> calls(Op op) { return calls.stream().filter(c -> c.op() == op).toList(); }

    public synchronized List<Call> succeeded(Op op) { return calls.stream().filter(c -> c.op() == op && !c.failed()).toList(); }

    /** Root messages in the chat. */
    public synchronized Map<String, ThreadRef> posted() { return Map.copyOf(posted); }
}
