package dev.dockerdoctor.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.dockerdoctor.fleet.FleetBook;
import dev.dockerdoctor.fleet.LinkMessage;
import dev.dockerdoctor.fleet.SameCause;
import dev.dockerdoctor.fleet.link.HubLink;
import dev.dockerdoctor.model.Diagnosis;
import dev.dockerdoctor.store.StateJson;
import dev.dockerdoctor.watch.DeliveryException;
import dev.dockerdoctor.watch.Incident;
import dev.dockerdoctor.watch.IncidentNotifier;
import dev.dockerdoctor.watch.Maintenance;
import dev.dockerdoctor.watch.ThreadRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * serve's answer to its agents' incident notices: each is posted in DOCTOR_CHANNEL as serve posts its own host's,
 * by a notifier for that host (its messages name it). The thread each agent's incident got is kept in
 * {@code <state>/fleet/threads.json}: an agent that tells an opening again (its answer was lost, it restarted) gets
 * the same thread back, so nothing is posted twice. Called on the link's one notice thread.
 */
final class HubIncidents implements HubLink.Notices {
    /** Enough for every incident a fleet had in weeks; the oldest go first (their agents hold their threads too). */
    static final int KEEP = 2000;
    private static final Logger log = LoggerFactory.getLogger(HubIncidents.class);

    private final Function<String, IncidentNotifier> notifiers;
    private final Path file;
    private final Map<String, ThreadRef> threads;
    private final HubGroups groups;
    /** Each open agent incident's newest diagnosis, so its buttons resolve while its agent is away (memory only). */
    private final Map<String, Diagnosis> diagnoses = new java.util.concurrent.ConcurrentHashMap<>();
    /** Agent incidents resolved since the hub started (the threads file keeps resolved ones too). */
    private final java.util.Set<String> resolved = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** @param notifiers the notifier for a host's incidents, by host name */
    HubIncidents(Path state, Function<String, IncidentNotifier> notifiers) {
        this.notifiers = notifiers;
        this.file = FleetBook.dir(state).resolve("threads.json");
        this.threads = load(file);
        this.groups = new HubGroups(state);
    }

    @Override
    public LinkMessage.Answer notice(String host, LinkMessage.Notice n) {
        try {
            Incident i = n.incident() == null ? null : StateJson.MAPPER.treeToValue(n.incident(), Incident.class);
            Optional<Diagnosis> d = n.diagnosis() == null || n.diagnosis().isNull() ? Optional.empty()
                    : Optional.of(StateJson.MAPPER.treeToValue(n.diagnosis(), Diagnosis.class));
            if (i == null && n.kind() != LinkMessage.NoticeKind.MAINTENANCE) throw new IllegalArgumentException("no incident");
            IncidentNotifier out = notifiers.apply(host);
            String key = i == null ? null : host + "/" + i.id();
            if (key != null && n.kind() == LinkMessage.NoticeKind.RESOLVED) {
                diagnoses.remove(key);
                resolved.add(key);
            } else if (key != null && d.isPresent()) {
                diagnoses.put(key, d.get());
            }
            ThreadRef ref = switch (n.kind()) {
                case OPENED -> {
                    ThreadRef known = thread(key);
                    yield known != null ? known : open(key, i, d, out);
                }
                case FIND -> thread(key);
                case UPDATED -> changed(key, out.updated(where(key, i), d), i);
                case RESOLVED -> changed(key, out.resolved(where(key, i), d), i);
                case REMIND -> {
                    out.remind(where(key, i), Duration.ofSeconds(Math.max(0, n.openForSeconds())));
                    yield null;
                }
                case MAINTENANCE -> {
                    out.maintenance(StateJson.MAPPER.treeToValue(n.maintenance(), Maintenance.class));
                    yield null;
                }
            };
            JsonNode thread = ref == null ? null : StateJson.MAPPER.valueToTree(ref);
            return new LinkMessage.Answer(n.id(), thread, null, 0, false);
        } catch (DeliveryException e) {
            return new LinkMessage.Answer(n.id(), null, e.getMessage(),
                    e.retryAfter().map(Duration::toSeconds).orElse(0L), e.needsPerson());
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            log.warn("Agent {} sent a {} notice the hub cannot read: {}", host, n.kind(), e.getMessage());
            return new LinkMessage.Answer(n.id(), null, "the hub cannot read this notice", 0, true);
        }
    }

    /**
     * A new agent incident: the root of a group of its own, or, when one of the same cause is open and opened
     * within the window, a card in that group's thread (the group's first member moves from the root into a card
     * of its own when the second joins; the root lists them all). Each post is made once: a failure half-way is
     * told again by the agent and picks up where it stopped.
     */
    private ThreadRef open(String key, Incident i, Optional<Diagnosis> d, IncidentNotifier out) throws DeliveryException {
        String cause = SameCause.of(i, d);
        Optional<HubGroups.Group> join = groups.joinable(cause, i.openedAt());
        if (join.isEmpty()) {
            ThreadRef posted = out.opened(i, d);
            keep(key, posted);
            groups.started(cause, posted, key, i);
            groups.save();
            return posted;
        }
        HubGroups.Group g = join.get();
        if (g.members().size() == 1) {
            String first = g.members().get(0);
            ThreadRef was = thread(first);
            Optional<Incident> fi = groups.latest(first);
            if (was != null && !was.replies().containsKey(ThreadRef.GROUP_THREAD) && fi.isPresent()) {
                ThreadRef card = notifiers.apply(hostOf(first)).openedIn(g.root(), fi.get(), Optional.ofNullable(diagnoses.get(first)));
                Map<String, String> replies = new LinkedHashMap<>(was.replies());
                replies.putAll(card.replies());
                keep(first, new ThreadRef(card.channel(), card.ts(), replies));
            }
        }
        ThreadRef card = out.openedIn(g.root(), i, d);
        keep(key, card);
        HubGroups.Group now = groups.joined(g, key, i);
        groups.save();
        log.info("{} joins {} other host(s) with the same cause ({})", hostOf(key), now.members().size() - 1, cause);
        editRoot(now);
        return card;
    }

    /** An agent incident as it lives in the hub's record (a group member's card, not the root it was first given). */
    private Incident where(String key, Incident i) {
        ThreadRef t = thread(key);
        return t == null ? i : i.inThread(t);
    }

    private ThreadRef changed(String key, ThreadRef ref, Incident i) {
        keep(key, ref);
        Optional<HubGroups.Group> g = groups.of(key);
        groups.seen(key, i.inThread(ref));
        // kept at every change: a group whose members all resolved must stay closed across a hub restart
        groups.save();
        if (g.isPresent() && g.get().members().size() > 1) editRoot(g.get());
        return ref;
    }

    /** The group's root lists every host as it is now; an edit that fails is made again at the next change. */
    private void editRoot(HubGroups.Group g) {
        try {
            notifiers.apply(hostOf(g.members().get(0))).group(g.root(), groups.view(g));
        } catch (DeliveryException e) {
            log.warn("Cannot update the root of the {} group yet: {}", g.cause(), e.getMessage());
        }
    }

    private static String hostOf(String key) {
        return key.substring(0, key.indexOf('/'));
    }

    /**
     * Whether a host's incident is open as far as the hub knows without asking (a modal's answer cannot wait for the
     * link): posted, and not resolved since. The agent has the last word when the acknowledgement reaches it.
     */
    boolean isOpen(String host, String incidentId) {
        String key = host + "/" + incidentId;
        return thread(key) != null && !resolved.contains(key);
    }

    /** The newest diagnosis a host's agent told with one of its open incidents, if the hub heard one. */
    Optional<Diagnosis> diagnosis(String host, String incidentId) {
        return Optional.ofNullable(diagnoses.get(host + "/" + incidentId));
    }

    private synchronized ThreadRef thread(String key) {
        return threads.get(key);
    }

    private synchronized void keep(String key, ThreadRef ref) {
        if (ref.equals(threads.get(key))) return; // most updates edit in place: nothing new to write
        threads.remove(key);
        threads.put(key, ref);
        while (threads.size() > KEEP) threads.remove(threads.keySet().iterator().next());
        // kept in memory still when it cannot be written: only a hub restart before the next write could post twice
        StateJson.writeOr(file, threads, why -> log.warn("The agents' incident threads are not kept: {}", why));
    }

    private static Map<String, ThreadRef> load(Path file) {
        return StateJson.readOr(file, new TypeReference<LinkedHashMap<String, ThreadRef>>() { }, new LinkedHashMap<>(),
                why -> log.warn("{}: agents' open incidents may be posted again", why));
    }
}
