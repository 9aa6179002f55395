package dev.dockerdoctor.watch;

import dev.dockerdoctor.model.ContainerInfo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Containers as incident signals, pure (times come in, nothing is asked): from the daemon's container list at each
 * poll it raises
 * <ul>
 * <li>{@code container-restart-loop}: Docker's restart policy restarted it {@link #LOOP_RISE} times or more within
 *     {@link #LOOP_WINDOW} (its RestartCount rose); calm again once it has not restarted for {@link #CALM_AFTER}
 *     (longer than Docker's longest restart delay, a minute, so a loop at full backoff is not "calm" between two
 *     restarts; time, not a number of polls, because the event stream's extra polls come in bursts);</li>
 * <li>{@code container-unhealthy}: its health check fails, confirmed like a URL (failures in a row, then successes);</li>
 * <li>{@code container-oom-killed}: it was killed for lack of memory since the last poll (once per kill).</li>
 * </ul>
 * Restarts nobody needs to hear about raise nothing, because they do not raise the RestartCount, which only the
 * restart policy does: {@code docker restart}, a step of the bot, a daemon restart starting its containers again,
 * {@code docker compose up} recreating one (a new container id under the same name), a stop (exit 0, 130, 143).
 * Those become notes for an open incident's timeline, saying why they are not signals. Signals are keyed by the
 * container's name, which survives a recreation.
 */
public final class ContainerWatcher {
    static final Duration LOOP_WINDOW = Duration.ofMinutes(10);
    static final int LOOP_RISE = 2;
    static final Duration CALM_AFTER = Duration.ofMinutes(2);
    /** More containers restarted together than this are one note (the daemon restarted, or compose up). */
    static final int NOTES_ONE_BY_ONE = 3;
    private static final Set<Integer> CLEAN_EXITS = Set.of(0, 130, 143);

    private record Sample(Instant at, int restarts) {
    }

    private final Map<String, Instant> lastRise = new HashMap<>(); // by container id
    private final int downAfter;
    private final int upAfter;
    private final Map<String, Deque<Sample>> samples = new HashMap<>(); // by container id
    private final Map<String, ContainerInfo> last = new HashMap<>(); // by container id
    private final Map<String, String> idByName = new HashMap<>();
    private final Map<String, String> looping = new HashMap<>(); // name -> the words it was raised with
    private final Map<String, WatchState> health = new HashMap<>(); // by name
    private boolean firstPoll = true;

    public ContainerWatcher(int downAfter, int upAfter) {
        this.downAfter = downAfter;
        this.upAfter = upAfter;
    }

    /**
     * One poll's container list.
     *
     * @param scheduled whether it is a poll of the interval: only those count towards a health check's streak
     */
    public Reading observe(List<ContainerInfo> containers, Instant now, boolean scheduled) {
        List<Signal> problems = new ArrayList<>();
        Set<SignalKey> healthy = new LinkedHashSet<>();
        List<String> onPurpose = new ArrayList<>();
        List<TimelineEntry> notes = new ArrayList<>();
        Set<String> present = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (ContainerInfo c : containers) {
            if (c.id() == null) continue;
            String name = name(c);
            present.add(name);
            ids.add(c.id());
            ContainerInfo before = last.get(c.id());
            String oldId = idByName.get(name);
            if (before == null && oldId != null && !oldId.equals(c.id()) && !firstPoll) {
                onPurpose.add(name + " was recreated (a new container under the same name: compose up, an image update):"
                        + " not a signal");
            } else if (before != null) {
                String why = restartedOnPurpose(before, c);
                if (why != null) onPurpose.add(why);
            }
            loop(c, name, now, problems, healthy);
            oom(c, before, name, now, problems, healthy);
            if (scheduled) health(c, name, now, problems, healthy);
            last.put(c.id(), c);
            idByName.put(name, c.id());
        }
        // gone containers: nothing of theirs is down any more, and their history goes with them
        last.keySet().retainAll(ids);
        samples.keySet().retainAll(ids);
        lastRise.keySet().retainAll(ids);
        for (String gone : new ArrayList<>(idByName.keySet())) {
            if (present.contains(gone)) continue;
            idByName.remove(gone);
            looping.remove(gone);
            health.remove(gone);
            healthy.add(new SignalKey(SignalKind.CONTAINER_RESTART_LOOP, gone));
            healthy.add(new SignalKey(SignalKind.CONTAINER_UNHEALTHY, gone));
            healthy.add(new SignalKey(SignalKind.CONTAINER_OOM_KILLED, gone));
        }
        if (onPurpose.size() > NOTES_ONE_BY_ONE) {
            notes.add(new TimelineEntry(now, onPurpose.size() + " containers were started again or stopped together,"
                    + " not by their restart policy (the daemon restarted, compose up or down): not a signal"));
        } else {
            for (String n : onPurpose) notes.add(new TimelineEntry(now, n));
        }
        firstPoll = false;
        return new Reading(problems, healthy, notes);
    }

    /**
     * Forgets the restart counts seen so far: restarts before now (a maintenance window, a step of the bot) do not
     * count towards a loop; one that goes on is seen again within {@link #LOOP_RISE} restarts.
     */
    public void forgetRestarts() {
        samples.clear();
        lastRise.clear();
    }

    private void loop(ContainerInfo c, String name, Instant now, List<Signal> problems, Set<SignalKey> healthy) {
        SignalKey key = new SignalKey(SignalKind.CONTAINER_RESTART_LOOP, name);
        if (c.restartCount() == null) return; // inspect did not answer in time: undecided
        Deque<Sample> s = samples.computeIfAbsent(c.id(), k -> new ArrayDeque<>());
        if (!s.isEmpty() && c.restartCount() > s.peekLast().restarts()) lastRise.put(c.id(), now);
        s.addLast(new Sample(now, c.restartCount()));
        while (s.size() > 1 && s.peekFirst().at().isBefore(now.minus(LOOP_WINDOW))) s.removeFirst();
        while (s.size() > 64) s.removeFirst(); // bursts of extra polls
        int rise = c.restartCount() - s.peekFirst().restarts();
        boolean restarting = "restarting".equals(c.state());
        if (!looping.containsKey(name)) {
            if (rise >= LOOP_RISE || (restarting && rise >= 1)) looping.put(name, name + " is restarting in a loop" + policyAndExit(c));
        } else if (calm(c.id(), now) && !restarting) {
            looping.remove(name);
            Sample newest = s.peekLast();
            s.clear(); // the rises that made the loop are over: only new ones may raise it again
            s.addLast(newest);
        }
        if (looping.containsKey(name)) problems.add(new Signal(SignalKind.CONTAINER_RESTART_LOOP, name, looping.get(name), now));
        else healthy.add(key);
    }

    private boolean calm(String id, Instant now) {
        Instant rose = lastRise.get(id);
        return rose == null || !now.isBefore(rose.plus(CALM_AFTER));
    }

    private void oom(ContainerInfo c, ContainerInfo before, String name, Instant now, List<Signal> problems,
                     Set<SignalKey> healthy) {
        SignalKey key = new SignalKey(SignalKind.CONTAINER_OOM_KILLED, name);
        boolean killed = Boolean.TRUE.equals(c.oomKilled()) && c.finishedAt() != null;
        // a kill is news once: a container seen before, or new since the first poll, that finished since
        boolean news = killed && !firstPoll && (before == null
                || !Boolean.TRUE.equals(before.oomKilled()) || !c.finishedAt().equals(before.finishedAt()));
        if (news) {
            String limit = c.memoryLimit() == null || c.memoryLimit() == 0 ? "no memory limit of its own: the host ran out"
                    : "its limit is " + c.memoryLimit() / (1024 * 1024) + " MiB";
            problems.add(new Signal(SignalKind.CONTAINER_OOM_KILLED, name, name + " was killed for lack of memory ("
                    + limit + ")", c.finishedAt()));
        } else if (c.isRunning()) {
            healthy.add(key);
        }
    }

    private void health(ContainerInfo c, String name, Instant now, List<Signal> problems, Set<SignalKey> healthy) {
        SignalKey key = new SignalKey(SignalKind.CONTAINER_UNHEALTHY, name);
        String h = c.health();
        if (c.isRunning() && "starting".equals(h)) return; // its start period: undecided
        WatchState w = health.computeIfAbsent(name, k -> new WatchState(downAfter, upAfter));
        boolean failing = c.isRunning() && "unhealthy".equals(h);
        w.record(failing ? name + " fails its health check" : null, now);
        if (w.down()) problems.add(new Signal(SignalKind.CONTAINER_UNHEALTHY, name, name + " fails its health check", w.since()));
        else if (w.up()) healthy.add(key);
    }

    /**
     * The note for a container seen before that was started again without its restart policy, or stopped; null when
     * neither happened.
     */
    private static String restartedOnPurpose(ContainerInfo before, ContainerInfo now) {
        String name = name(now);
        boolean sameCount = before.restartCount() != null && before.restartCount().equals(now.restartCount());
        if (now.startedAt() != null && before.startedAt() != null && now.startedAt().isAfter(before.startedAt()) && sameCount) {
            return name + " was started again, not by its restart policy (docker restart, a step, the daemon's restart):"
                    + " not a signal";
        }
        if (before.isRunning() && !now.isRunning() && !"restarting".equals(now.state()) && now.exitCode() != null) {
            return CLEAN_EXITS.contains(now.exitCode()) ? name + " was stopped (exit code " + now.exitCode() + "): not a signal"
                    : name + " exited with code " + now.exitCode() + " and its restart policy did not start it again";
        }
        return null;
    }

    private static String policyAndExit(ContainerInfo c) {
        StringBuilder b = new StringBuilder();
        if (c.restartPolicy() != null) b.append(" (restart: ").append(c.restartPolicy());
        if (c.exitCode() != null && c.exitCode() != 0) b.append(b.isEmpty() ? " (" : ", ").append("exit code ").append(c.exitCode());
        if (!b.isEmpty()) b.append(')');
        return b.toString();
    }

    private static String name(ContainerInfo c) {
        return c.name() != null ? c.name() : c.id().substring(0, Math.min(12, c.id().length()));
    }
}
