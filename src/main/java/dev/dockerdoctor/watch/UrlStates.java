package dev.dockerdoctor.watch;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pure half of the URL watcher: a {@link WatchState} per watched name, fed with check results. A URL is a
 * problem ({@link SignalKind#URL_DOWN}, worded by its last failure, dated by its first) once confirmed down, healthy
 * once confirmed up, and undecided while pending.
 */
public final class UrlStates {
    private final Map<String, WatchState> states = new LinkedHashMap<>();
    private final Clock clock;

    public UrlStates(Iterable<String> names, Clock clock, int downAfter, int upAfter) {
        for (String n : names) states.put(n, new WatchState(downAfter, upAfter));
        this.clock = clock;
    }

    public synchronized Reading apply(List<UrlCheck> checks) {
        List<Signal> problems = new ArrayList<>();
        Set<SignalKey> healthy = new LinkedHashSet<>();
        for (UrlCheck c : checks) {
            WatchState s = states.get(c.name());
            if (s == null) continue;
            s.record(c.up() ? null : c.detail(), clock.instant());
            if (s.down()) problems.add(new Signal(SignalKind.URL_DOWN, c.name(), s.lastFailure(), s.since()));
            else if (s.up()) healthy.add(new SignalKey(SignalKind.URL_DOWN, c.name()));
        }
        return new Reading(problems, healthy);
    }

    public synchronized WatchState.Status status(String name) {
        WatchState s = states.get(name);
        return s == null ? null : s.status();
    }
}
