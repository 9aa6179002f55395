package dev.dockerdoctor.watch;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a watcher saw go wrong. {@code service} kinds say a service is down now and must be seen healthy again before
 * an incident can close; the others say how the host changed, and the diagnosis judges whether that still matters.
 */
public enum SignalKind {
    URL_DOWN("url-down", true),
    DAEMON_UNREACHABLE("daemon-unreachable", true),
    DATA_ROOT_CHANGED("data-root-changed", false),
    CONTAINERS_COLLAPSED("containers-collapsed", false),
    CONTAINER_RESTART_LOOP("container-restart-loop", true),
    CONTAINER_UNHEALTHY("container-unhealthy", true),
    CONTAINER_OOM_KILLED("container-oom-killed", false),
    /** The hub's: a host's agent has not reported for 3 of its intervals (the machine, its network or the agent). */
    AGENT_SILENT("agent-silent", true);

    private final String wire;
    private final boolean service;

    SignalKind(String wire, boolean service) {
        this.wire = wire;
        this.service = service;
    }

    @JsonValue
    public String wire() { return wire; }

    public boolean service() { return service; }
}
