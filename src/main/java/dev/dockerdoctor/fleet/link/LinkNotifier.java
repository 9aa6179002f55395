package dev.dockerdoctor.fleet.link;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dockerdoctor.fleet.LinkMessage;
import dev.dockerdoctor.model.Diagnosis;
import dev.dockerdoctor.store.StateJson;
import dev.dockerdoctor.watch.DeliveryException;
import dev.dockerdoctor.watch.Incident;
import dev.dockerdoctor.watch.IncidentNotifier;
import dev.dockerdoctor.watch.Maintenance;
import dev.dockerdoctor.watch.ThreadRef;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * An agent's incidents, told to the hub, which posts them. The agent's own incident book is the queue: a notice the
 * hub does not answer (link down, hub restarting, Slack busy) fails like a Slack call would, so the book keeps the
 * change on disk and the courier tells it again with backoff, in order, until the hub answers. The hub answers a
 * repeated {@code opened} with the thread it already has, so a lost answer posts nothing twice.
 */
public final class LinkNotifier implements IncidentNotifier {
    /** Long enough for a hub held up by Slack's one message a second when a whole fleet fails at once. */
    static final Duration ANSWER_WITHIN = Duration.ofSeconds(60);

    private final AgentLink link;

    public LinkNotifier(AgentLink link) {
        this.link = link;
    }

    @Override
    public ThreadRef opened(Incident incident, Optional<Diagnosis> diagnosis) throws DeliveryException {
        return thread(tell(LinkMessage.NoticeKind.OPENED, incident, diagnosis, null, 0));
    }

    @Override
    public ThreadRef updated(Incident incident, Optional<Diagnosis> diagnosis) throws DeliveryException {
        return thread(tell(LinkMessage.NoticeKind.UPDATED, incident, diagnosis, null, 0));
    }

    @Override
    public ThreadRef resolved(Incident incident, Optional<Diagnosis> diagnosis) throws DeliveryException {
        return thread(tell(LinkMessage.NoticeKind.RESOLVED, incident, diagnosis, null, 0));
    }

    @Override
    public void remind(Incident incident, Duration openFor) throws DeliveryException {
        tell(LinkMessage.NoticeKind.REMIND, incident, Optional.empty(), null, openFor.toSeconds());
    }

    @Override
    public void maintenance(Maintenance window) throws DeliveryException {
        tell(LinkMessage.NoticeKind.MAINTENANCE, null, Optional.empty(), window, 0);
    }

    @Override
    public Optional<ThreadRef> findPosted(Incident incident) throws DeliveryException {
        return Optional.ofNullable(thread(tell(LinkMessage.NoticeKind.FIND, incident, Optional.empty(), null, 0)));
    }

    private LinkMessage.Answer tell(LinkMessage.NoticeKind kind, Incident incident, Optional<Diagnosis> diagnosis,
                                    Maintenance window, long openForSeconds) throws DeliveryException {
        JsonNode i = incident == null ? null : StateJson.MAPPER.valueToTree(incident);
        JsonNode d = diagnosis.<JsonNode>map(StateJson.MAPPER::valueToTree).orElse(null);
        JsonNode m = window == null ? null : StateJson.MAPPER.valueToTree(window);
        LinkMessage.Answer a;
        try {
            a = link.tell(id -> new LinkMessage.Notice(id, kind, i, d, m, openForSeconds), ANSWER_WITHIN).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DeliveryException.transientFailure("stopping", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            String why = c instanceof TimeoutException ? "the hub did not answer within " + ANSWER_WITHIN.toSeconds() + " s"
                    : c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
            throw DeliveryException.transientFailure("hub: " + why, c);
        }
        if (a.error() == null) return a;
        if (a.retryAfterSeconds() > 0) throw DeliveryException.rateLimited("hub: " + a.error(), Duration.ofSeconds(a.retryAfterSeconds()));
        if (a.needsPerson()) throw DeliveryException.needsPerson("hub: " + a.error());
        throw DeliveryException.transientFailure("hub: " + a.error(), null);
    }

    private static ThreadRef thread(LinkMessage.Answer a) throws DeliveryException {
        if (a.thread() == null || a.thread().isNull()) return null;
        try {
            return StateJson.MAPPER.treeToValue(a.thread(), ThreadRef.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw DeliveryException.transientFailure("hub: an answer without a thread", e);
        }
    }
}
