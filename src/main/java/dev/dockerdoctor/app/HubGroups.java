package dev.dockerdoctor.app;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.dockerdoctor.fleet.FleetBook;
import dev.dockerdoctor.fleet.SameCause;
import dev.dockerdoctor.store.StateJson;
import dev.dockerdoctor.watch.Incident;
import dev.dockerdoctor.watch.IncidentGroup;
import dev.dockerdoctor.watch.ThreadRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which agents' incidents share a root message: every incident starts a group of its own (its root message is the
 * group's), and one of the same cause opening within {@link SameCause#WINDOW} of the first, while any member is
 * open, joins it. Kept in {@code <state>/fleet/groups.json} with each member's newest incident, so a restarted hub
 * still edits the root and lists every host. Decisions only: HubIncidents posts. Used on the notice thread alone.
 */
final class HubGroups {
    /** Groups kept; the oldest closed ones go first. */
    static final int KEEP = 500;
    private static final Logger log = LoggerFactory.getLogger(HubGroups.class);

    /** {@code members}: host/incident keys, in the order they opened; {@code root}: the first member's root message. */
    record Group(String cause, Instant openedAt, ThreadRef root, List<String> members) {
        Group {
            members = List.copyOf(members);
        }

        Group with(String key) {
            List<String> m = new ArrayList<>(members);
            m.add(key);
            return new Group(cause, openedAt, root, m);
        }
    }

    record Kept(List<Group> groups, Map<String, Incident> latest) {
    }

    private final Path file;
    private final List<Group> groups = new ArrayList<>();
    private final Map<String, Incident> latest = new LinkedHashMap<>();

    HubGroups(Path state) {
        this.file = FleetBook.dir(state).resolve("groups.json");
        Kept k = StateJson.readOr(file, new TypeReference<Kept>() { }, null,
                why -> log.warn("{}: open groups of incidents start afresh", why));
        if (k != null) {
            if (k.groups() != null) k.groups().stream().filter(Objects::nonNull).forEach(groups::add);
            if (k.latest() != null) latest.putAll(k.latest());
        }
    }

    /** The open group an incident of {@code cause} opened at {@code at} joins, if any. */
    Optional<Group> joinable(String cause, Instant at) {
        if (cause == null) return Optional.empty();
        return groups.stream().filter(g -> g.cause().equals(cause) && SameCause.within(g.openedAt(), at)
                && view(g).open()).findFirst();
    }

    void started(String cause, ThreadRef root, String key, Incident i) {
        if (cause == null) return; // nothing to share: not a group
        groups.add(new Group(cause, i.openedAt(), new ThreadRef(root.channel(), root.ts()), List.of(key)));
        latest.put(key, i);
        trim();
    }

    Group joined(Group g, String key, Incident i) {
        Group now = g.with(key);
        groups.set(groups.indexOf(g), now);
        latest.put(key, i);
        return now;
    }

    Optional<Group> of(String key) {
        return groups.stream().filter(g -> g.members().contains(key)).findFirst();
    }

    Optional<Incident> latest(String key) {
        return Optional.ofNullable(latest.get(key));
    }

    void seen(String key, Incident i) {
        if (of(key).isPresent()) latest.put(key, i);
    }

    IncidentGroup view(Group g) {
        return new IncidentGroup(g.cause(), g.openedAt(), g.members().stream().map(latest::get).filter(Objects::nonNull).toList());
    }

    void save() {
        StateJson.writeOr(file, new Kept(groups, latest), why -> log.warn("The groups of incidents are not kept: {}", why));
    }

    /** Closed groups past their window go, so the file stays small. */
    private void trim() {
        Instant newest = groups.isEmpty() ? Instant.EPOCH : groups.get(groups.size() - 1).openedAt();
        groups.removeIf(g -> !view(g).open() && g.openedAt().isBefore(newest.minus(SameCause.WINDOW.plus(Duration.ofHours(1)))));
        while (groups.size() > KEEP) groups.remove(0);
        latest.keySet().removeIf(k -> of(k).isEmpty());
    }
}
