package dev.dockerdoctor.watch;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one poll of a watcher concluded: the problems confirmed now, and the keys confirmed healthy. A key in
 * neither is undecided (pending, or not asked): whatever an incident says about it stays as it is. {@code notes} are
 * things seen that are not problems but belong on an open incident's timeline, explained ("gitlab-web-1 was
 * restarted on purpose").
 */
public record Reading(List<Signal> problems, Set<SignalKey> healthy, List<TimelineEntry> notes) {
    public static final Reading NOTHING = new Reading(List.of(), Set.of());

    public Reading {
        problems = List.copyOf(problems);
        healthy = Set.copyOf(healthy);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    public Reading(List<Signal> problems, Set<SignalKey> healthy) {
        this(problems, healthy, List.of());
    }

    /** The same reading with its problems held back (a maintenance window): what is healthy still counts. */
    public Reading withoutProblems() {
        return new Reading(List.of(), healthy, notes);
    }

    public Reading plus(Reading other) {
        List<Signal> p = new ArrayList<>(problems);
        p.addAll(other.problems);
        Set<SignalKey> h = new LinkedHashSet<>(healthy);
        h.addAll(other.healthy);
        List<TimelineEntry> n = new ArrayList<>(notes);
        n.addAll(other.notes);
        return new Reading(p, h, n);
    }
}
