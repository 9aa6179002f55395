package dev.dockerdoctor.evidence;

import dev.dockerdoctor.model.DaemonState;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A named stand-in for the daemon: answers the states it was given, one per {@link #inspect()} call, repeating the
 * last. For rules, watchers and the CLI in unit tests; it passes the same {@link DockerProbeContract} as the real one.
 */
public final class FakeDockerProbe implements DockerProbe {
    private final List<DaemonState> states;
    private final AtomicInteger calls = new AtomicInteger();
    private volatile boolean closed;

    private FakeDockerProbe(List<DaemonState> states) {
        if (states.isEmpty()) throw new IllegalArgumentException("a fake daemon needs at least one state");
        this.states = List.copyOf(states);
    }

    /** Answers these states in turn, then the last one forever (a daemon that changes: up, restarted, down...). */
    public static FakeDockerProbe answering(DaemonState first, DaemonState... then) {
        List<DaemonState> all = new ArrayList<>();
        all.add(first);
        all.addAll(List.of(then));
        return new FakeDockerProbe(all);
    }

    /** A daemon that never answers, for this reason. */
    public static FakeDockerProbe unreachable(String reason) {
        return answering(DaemonState.unreachable(reason));
    }

    @Override
    public DaemonState inspect() {
        if (closed) return DaemonState.unreachable("the fake Docker probe is closed");
        int i = calls.getAndIncrement();
        return states.get(Math.min(i, states.size() - 1));
    }

    /** How often {@link #inspect()} was called. */
    public int calls() { return calls.get(); }

    @Override
    public void close() {
        closed = true;
    }
}
