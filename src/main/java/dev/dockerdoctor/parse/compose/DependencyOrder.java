package dev.dockerdoctor.parse.compose;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Order of services by {@code depends_on}: what a service needs comes before it. Iterative (a hostile file with a
 * chain of thousands of services cannot overflow the stack) and safe with cycles, which compose refuses but a
 * planner must still survive.
 */
public final class DependencyOrder {
    private DependencyOrder() {
    }

    /**
     * Services (the keys, in their given order) sorted so each comes after its dependencies. Dependencies that are not
     * keys are ignored. Members of a cycle keep their given order after everything they can follow.
     */
    public static List<String> order(Map<String, List<String>> deps) {
        List<String> names = new ArrayList<>(deps.keySet());
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < names.size(); i++) index.put(names.get(i), i);
        int[] waiting = new int[names.size()];
        List<List<Integer>> dependents = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) dependents.add(new ArrayList<>());
        for (int i = 0; i < names.size(); i++) {
            for (String d : new LinkedHashSet<>(deps.get(names.get(i)))) {
                Integer j = index.get(d);
                if (j == null || j == i) continue;
                waiting[i]++;
                dependents.get(j).add(i);
            }
        }
        // ready services leave in their given order; when only cycles remain, the earliest member is let through
        java.util.PriorityQueue<Integer> ready = new java.util.PriorityQueue<>();
        for (int i = 0; i < names.size(); i++) if (waiting[i] == 0) ready.add(i);
        boolean[] done = new boolean[names.size()];
        List<String> out = new ArrayList<>();
        int nextUnblocked = 0;
        while (out.size() < names.size()) {
            Integer i = ready.poll();
            if (i == null) {
                while (done[nextUnblocked]) nextUnblocked++;
                i = nextUnblocked;
            }
            if (done[i]) continue;
            done[i] = true;
            out.add(names.get(i));
            for (int dep : dependents.get(i)) {
                if (!done[dep] && --waiting[dep] == 0) ready.add(dep);
            }
        }
        return out;
    }

    /** A dependency cycle as a path that ends where it starts ({@code a, b, a}), if there is one. */
    public static Optional<List<String>> findCycle(Map<String, List<String>> deps) {
        Map<String, Integer> state = new HashMap<>(); // 1 = on the current path, 2 = finished
        for (String start : deps.keySet()) {
            if (state.containsKey(start)) continue;
            Deque<String> path = new ArrayDeque<>();
            Deque<java.util.Iterator<String>> its = new ArrayDeque<>();
            path.push(start);
            its.push(deps.getOrDefault(start, List.of()).iterator());
            state.put(start, 1);
            while (!path.isEmpty()) {
                java.util.Iterator<String> it = its.peek();
                if (it.hasNext()) {
                    String d = it.next();
                    if (!deps.containsKey(d)) continue;
                    Integer st = state.get(d);
                    if (st == null) {
                        state.put(d, 1);
                        path.push(d);
                        its.push(deps.get(d).iterator());
                    } else if (st == 1) {
                        List<String> onPath = new ArrayList<>(path);
                        java.util.Collections.reverse(onPath);
                        List<String> cycle = new ArrayList<>(onPath.subList(onPath.indexOf(d), onPath.size()));
                        cycle.add(d);
                        return Optional.of(cycle);
                    }
                } else {
                    state.put(path.pop(), 2);
                    its.pop();
                }
            }
        }
        return Optional.empty();
    }
}
