package dev.dockerdoctor.slack;

import java.util.Map;

/**
 * Remembers the last {@code capacity} request keys, so a Slack retry (same trigger, same body) is acked but not
 * worked on twice. Bounded: a flood of requests cannot grow it.
 */
public final class OnceOnly {
    private final Map<String, Boolean> seen;

    public OnceOnly(int capacity) {
        this.seen = Bounded.newest(capacity);
    }

    /** True the first time a key is seen, false for every repeat while it is remembered. */
    public synchronized boolean first(String key) {
        return seen.putIfAbsent(key, Boolean.TRUE) == null;
    }
}
