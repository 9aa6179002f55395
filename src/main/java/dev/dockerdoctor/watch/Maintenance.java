package dev.dockerdoctor.watch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A maintenance window: planned work during which signals are kept ({@code seen}) but open no incident and post
 * nothing. Pure and immutable; kept in {@code incidents.json} beside the incidents, so it survives a restart of the
 * bot. {@code startPosted}/{@code endPosted} say whether the chat was told; the watch tells it until it was.
 *
 * @param by      who started it (a Slack user id)
 * @param until   when it ends by itself
 * @param endedAt when it ended (by {@code end}, or at {@code until}); null while it lasts
 * @param endedBy who ended it early, or null (it ran out)
 * @param seen    the signals that came during it, one line each, oldest first, at most {@link #MAX_SEEN}
 */
public record Maintenance(String id, String by, Instant startedAt, Instant until, String reason, Instant endedAt,
                         String endedBy, List<TimelineEntry> seen, boolean startPosted, boolean endPosted) {
    public static final int MAX_SEEN = 50;
    /** The longest reason kept, as for an acknowledgement. */
    public static final int MAX_REASON = Acknowledgement.MAX_REASON;

    public Maintenance {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(until, "until");
        reason = reason == null ? "" : reason.strip();
        if (reason.length() > MAX_REASON) reason = reason.substring(0, MAX_REASON) + "...";
        seen = seen == null ? List.of() : List.copyOf(seen);
    }

    public static Maintenance start(String by, Instant now, Instant until, String reason) {
        return new Maintenance("maintenance-" + now.getEpochSecond(), by, now, until, reason, null, null, List.of(),
                false, false);
    }

    /** Lasting at {@code now}: started, not ended, not run out. */
    public boolean activeAt(Instant now) {
        return endedAt == null && now.isBefore(until);
    }

    /** Run out at {@code now} but not yet marked ended. */
    public boolean runOutAt(Instant now) {
        return endedAt == null && !now.isBefore(until);
    }

    public Maintenance ended(Instant at, String user) {
        return new Maintenance(id, by, startedAt, until, reason, at, user, seen, startPosted, endPosted);
    }

    public Maintenance extendedTo(Instant newUntil, String reasonNow) {
        return new Maintenance(id, by, startedAt, newUntil, reasonNow == null || reasonNow.isBlank() ? reason : reasonNow,
                null, null, seen, false, false); // told again, with its new end
    }

    public Maintenance withStartPosted() {
        return new Maintenance(id, by, startedAt, until, reason, endedAt, endedBy, seen, true, endPosted);
    }

    public Maintenance withEndPosted() {
        return new Maintenance(id, by, startedAt, until, reason, endedAt, endedBy, seen, startPosted, true);
    }

    /**
     * With the signals of one reading kept: a signal whose words are already on the list is not kept twice (the same
     * outage is seen every poll). Past {@link #MAX_SEEN} the oldest stay and the rest is counted in one last line.
     */
    public Maintenance seeing(List<Signal> signals) {
        List<TimelineEntry> out = new ArrayList<>(seen);
        boolean changed = false;
        for (Signal s : signals) {
            String text = s.detail() == null || s.detail().isBlank() ? s.key().toString() : s.detail();
            if (out.stream().anyMatch(e -> e.text().equals(text))) continue;
            if (out.size() >= MAX_SEEN) break;
            out.add(new TimelineEntry(s.time(), text));
            changed = true;
        }
        if (!changed) return this;
        return new Maintenance(id, by, startedAt, until, reason, endedAt, endedBy, out, startPosted, endPosted);
    }

    /** Whether the chat still has news of this window to hear. */
    public boolean needsTelling() {
        return !startPosted || (endedAt != null && !endPosted);
    }
}
