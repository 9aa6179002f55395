package dev.dockerdoctor.app;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.dockerdoctor.fleet.FleetBook;
import dev.dockerdoctor.fleet.HostStatus;
import dev.dockerdoctor.fleet.Silence;
import dev.dockerdoctor.store.StateJson;
import dev.dockerdoctor.watch.DeliveryException;
import dev.dockerdoctor.watch.Incident;
import dev.dockerdoctor.watch.IncidentNotifier;
import dev.dockerdoctor.watch.IncidentState;
import dev.dockerdoctor.watch.SignalKind;
import dev.dockerdoctor.watch.SignalRecord;
import dev.dockerdoctor.watch.ThreadRef;
import dev.dockerdoctor.watch.TimelineEntry;
import dev.dockerdoctor.watch.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The incident only the hub can raise: a host whose agent has not reported for {@link Silence#MISSED} of its
 * intervals. Posted by that host's notifier like the agent's own incidents (the root message names the host),
 * resolved when it reports again. Open ones are kept in {@code <state>/fleet/silent.json}, so a hub restart neither
 * posts them twice nor forgets to resolve them; a post the chat refused is tried again at the next check.
 */
final class SilentAgents {
    static final String CAUSE = "The host is down, off the network, or its docker-doctor agent stopped;"
            + " nothing on that host can say so, so the hub does.";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter LAST = DateTimeFormatter.ofPattern("HH:mm:ss z", java.util.Locale.ENGLISH);
    private static final Logger log = LoggerFactory.getLogger(SilentAgents.class);

    private final Supplier<List<HostStatus>> fleet;
    private final Function<String, Duration> intervals;
    private final Function<String, IncidentNotifier> notifiers;
    private final Clock clock;
    private final java.time.ZoneId zone;
    private final Instant judgeFrom;
    private final Path file;
    /** Each silent host's incident, its thread once posted. */
    private final Map<String, Incident> open;
    /** The silent hosts as of the last check, read without waiting for one under way (it may be posting). */
    private volatile Set<String> silentNow;

    /**
     * @param intervals how often a host's agent said it reports (a guess for one that has not said since the start)
     * @param grace     how long after the hub starts no host is judged: agents reconnect first
     */
    SilentAgents(Path state, Supplier<List<HostStatus>> fleet, Function<String, Duration> intervals,
                 Function<String, IncidentNotifier> notifiers, Clock clock, java.time.ZoneId zone, Duration grace) {
        this.zone = zone;
        this.fleet = fleet;
        this.intervals = intervals;
        this.notifiers = notifiers;
        this.clock = clock;
        this.judgeFrom = clock.instant().plus(grace);
        this.file = FleetBook.dir(state).resolve("silent.json");
        this.open = load(file);
        this.silentNow = Set.copyOf(open.keySet());
    }

    /** One look at the fleet: open what fell silent, resolve what reports again, post what is not posted yet. */
    synchronized void check() {
        Instant now = clock.instant();
        if (now.isBefore(judgeFrom)) return;
        boolean changed = false;
        List<HostStatus> hosts = fleet.get();
        Set<String> enrolled = hosts.stream().map(HostStatus::name).collect(Collectors.toSet());
        for (HostStatus h : hosts) {
            Incident i = open.get(h.name());
            boolean silent = Silence.silent(h, intervals.apply(h.name()), now);
            if (silent && i == null) {
                open.put(h.name(), opened(h, now));
                log.warn("{} has not reported since {}: an incident of its own", h.name(), h.lastSeen());
                changed = true;
            } else if (!silent && i != null) {
                changed |= resolve(h.name(), i, now);
            }
        }
        // a forgotten host's silence is nobody's incident any more
        for (String gone : open.keySet().stream().filter(n -> !enrolled.contains(n)).toList()) {
            changed |= resolve(gone, open.get(gone), now);
        }
        for (Map.Entry<String, Incident> e : open.entrySet()) {
            if (e.getValue().thread() != null) continue;
            try {
                ThreadRef t = notifiers.apply(e.getKey()).opened(e.getValue(), Optional.empty());
                e.setValue(e.getValue().inThread(t));
                changed = true;
            } catch (DeliveryException x) {
                log.warn("Cannot post that {} is silent yet ({}); trying again at the next check", e.getKey(), x.getMessage());
            }
        }
        if (changed) keep();
        silentNow = Set.copyOf(open.keySet());
    }

    /** The hosts that are an incident of their own now. */
    Set<String> silent() {
        return silentNow;
    }

    private boolean resolve(String host, Incident i, Instant now) {
        if (i.thread() == null) {
            open.remove(host); // never posted: nothing to resolve in the chat
            return true;
        }
        Duration lasted = Duration.between(i.openedAt(), now);
        List<SignalRecord> cleared = i.signals().stream().map(s -> new SignalRecord(s.kind(), s.subject(), s.detail(),
                s.firstSeen(), now, now)).toList();
        List<TimelineEntry> timeline = new java.util.ArrayList<>(i.timeline());
        timeline.add(new TimelineEntry(now, "its agent reports again"));
        Incident resolved = new Incident(i.id(), host, IncidentState.RESOLVED, i.openedAt(), now, now, now, lasted,
                cleared, timeline, 0, new Verdict(now, null, List.of(), List.of(), List.of()), List.of(),
                i.revision() + 1, i.delivery());
        try {
            notifiers.apply(host).resolved(resolved, Optional.empty());
            open.remove(host);
            log.info("{} reports again after {} s", host, lasted.toSeconds());
            return true;
        } catch (DeliveryException x) {
            log.warn("Cannot post that {} reports again yet ({}); trying again at the next check", host, x.getMessage());
            return false;
        }
    }

    private Incident opened(HostStatus h, Instant now) {
        Instant since = h.lastSeen();
        String detail = "its agent missed " + Silence.MISSED + " reports in a row (the last came at "
                + LAST.withZone(zone).format(since) + ")";
        return new Incident("silent-" + STAMP.format(now), h.name(), IncidentState.OPEN, now, now, now, null, null,
                List.of(new SignalRecord(SignalKind.AGENT_SILENT, h.name(), detail, since, now, null)),
                List.of(new TimelineEntry(since, "last report from its agent")), 0,
                new Verdict(now, CAUSE, List.of(), List.of(), List.of()), List.of(), 1, null);
    }

    private void keep() {
        StateJson.writeOr(file, open, why -> log.warn("The silent hosts are not kept: {}", why));
    }

    private static Map<String, Incident> load(Path file) {
        return StateJson.readOr(file, new TypeReference<LinkedHashMap<String, Incident>>() { }, new LinkedHashMap<>(),
                why -> log.warn("{}: silent hosts are judged afresh", why));
    }
}
