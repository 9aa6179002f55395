package dev.dockerdoctor.slack;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Slack takes about one {@code chat.postMessage} a second per channel and refuses the rest (429). One pacer per bot
 * process, shared by the notifiers of every host it posts for, makes a post wait its turn instead: when 50 hosts
 * fail at once their messages go out one a second rather than as a storm of refusals and retries. Edits are not
 * paced (chat.update has a limit of its own, per minute).
 */
public final class ChannelPacer {
    /** A little over a second: two posts a full second apart here may arrive 0.99 s apart there. */
    public static final Duration GAP = Duration.ofMillis(1050);
    private final Map<String, Long> nextFree = new HashMap<>();
    private final long gapNanos;

    private ChannelPacer(Duration gap) {
        this.gapNanos = gap.toNanos();
    }

    /** One post a second per channel. */
    public static ChannelPacer slacks() {
        return new ChannelPacer(GAP);
    }

    /** No waiting (tests of one message at a time, and the default). */
    public static ChannelPacer none() {
        return new ChannelPacer(Duration.ZERO);
    }

    /** Waits until this channel may take a post, and books the slot. */
    public void awaitTurn(String channel) throws InterruptedException {
        if (gapNanos == 0) return;
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            long slot = Math.max(now, nextFree.getOrDefault(channel, now));
            nextFree.put(channel, slot + gapNanos);
            wait = slot - now;
        }
        if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }
}
