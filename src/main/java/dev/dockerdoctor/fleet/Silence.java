package dev.dockerdoctor.fleet;

import java.time.Duration;
import java.time.Instant;

/**
 * When the hub calls a host silent: its agent reports every watch interval (its heartbeat), so three missed in a row
 * is a machine that is off, off the network, or an agent that stopped. Only the hub can tell; nothing on that host can.
 */
public final class Silence {
    /** Missed reports before a host is an incident of its own. */
    public static final int MISSED = 3;

    private Silence() {
    }

    /**
     * @param interval how often the host's agent said it reports, or the hub's guess before it has said (a restart)
     * @return whether {@code host} is silent at {@code now}; a host never heard from (still pending) is not
     */
    public static boolean silent(HostStatus host, Duration interval, Instant now) {
        if (host.lastSeen() == null) return false;
        return !host.lastSeen().plus(interval.multipliedBy(MISSED)).isAfter(now);
    }
}
