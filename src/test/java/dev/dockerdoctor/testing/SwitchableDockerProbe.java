package dev.dockerdoctor.testing;

import dev.dockerdoctor.evidence.DockerProbe;
import dev.dockerdoctor.model.DaemonState;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A daemon the test changes while the watch runs: healthy on a root, moved, down. */
public final class SwitchableDockerProbe implements DockerProbe {
    private volatile DaemonState state;
    private final AtomicInteger calls = new AtomicInteger();

    public SwitchableDockerProbe(DaemonState first) {
        this.state = first;
    }

    public static DaemonState on(String root, int containers) {
        return new DaemonState(true, root, "overlay2", "20.10.9", containers, containers, 5, false, null, List.of());
    }

    public void set(DaemonState s) {
        state = s;
    }

    public int calls() { return calls.get(); }

    @Override
    public DaemonState inspect() {
        calls.incrementAndGet();
        return state;
    }
}
