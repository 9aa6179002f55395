package dev.dockerdoctor.watch;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one poll of a watcher concluded: the problems confirmed now, and the keys confirmed healthy. A key in
 * neither is undecided (pending, or not asked): whatever an incident says about it stays as it is.
 */
public record Reading(List<Signal> problems, Set<SignalKey> healthy) {
    public static final Reading NOTHING = new Reading(List.of(), Set.of());

    public Reading {
        problems = List.copyOf(problems);
        healthy = Set.copyOf(healthy);
    }

    public Reading plus(Reading other) {
        List<Signal> p = new ArrayList<>(problems);
        p.addAll(other.problems);
        Set<SignalKey> h = new LinkedHashSet<>(healthy);
        h.addAll(other.healthy);
        return new Reading(p, h);
    }
}
