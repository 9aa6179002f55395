package dev.dockerdoctor.diagnosis.facts;

import dev.dockerdoctor.model.ContainerInfo;
import dev.dockerdoctor.model.HostSnapshot;
import dev.dockerdoctor.model.RestartSample;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the container rules share: when a container counts as restarting in a loop, and how a container and a moment
 * are named in a finding. Pure: "now" is the snapshot's {@code takenAt}.
 */
public final class ContainerHealth {
    /** Restarts by its restart policy that, with a recent start, make a loop rather than a crash long ago. */
    static final int LOOP_MIN_RESTARTS = 3;
    /** "Recent" for the last start of a container that restarted {@link #LOOP_MIN_RESTARTS} times. */
    static final Duration LOOP_WINDOW = Duration.ofMinutes(10);
    /** With a watcher's history: this many restarts since a poll within {@link #HISTORY_WINDOW} is a loop... */
    static final int HISTORY_MIN_RISE = 3;
    static final Duration HISTORY_WINDOW = Duration.ofHours(1);
    /** ...and so are this many within {@link #LOOP_WINDOW}. */
    static final int HISTORY_MIN_RISE_SHORT = 2;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("MMM dd HH:mm:ss", Locale.ROOT);

    private ContainerHealth() {
    }

    /**
     * Why this container is restarting again and again, or empty when it is not. Docker's {@code restarting} state
     * is a loop; so is a container "up" for now that its restart policy restarted {@link #LOOP_MIN_RESTARTS} times
     * or more, the last time within {@link #LOOP_WINDOW} (between two crashes it looks running); so is a restart
     * count that rose since an earlier poll. One restart long ago is not a loop.
     */
    public static Optional<String> loop(ContainerInfo c, HostSnapshot s) {
        Instant now = s.takenAt();
        int count = c.restartCount() == null ? 0 : c.restartCount();
        if ("restarting".equals(c.state())) {
            return Optional.of("Docker shows it restarting" + (count > 0 ? " (restart " + count + ")" : ""));
        }
        if (count >= LOOP_MIN_RESTARTS && c.startedAt() != null && !c.startedAt().isBefore(now.minus(LOOP_WINDOW))) {
            return Optional.of("restarted " + count + " times, the last " + ago(c.startedAt(), now) + " ago");
        }
        for (RestartSample earlier : s.restartHistory()) {
            Integer then = earlier.restartCounts().get(c.id());
            if (then == null || earlier.at().isAfter(now)) continue;
            int rise = count - then;
            boolean shortWindow = !earlier.at().isBefore(now.minus(LOOP_WINDOW));
            boolean longWindow = !earlier.at().isBefore(now.minus(HISTORY_WINDOW));
            if ((shortWindow && rise >= HISTORY_MIN_RISE_SHORT) || (longWindow && rise >= HISTORY_MIN_RISE)) {
                return Optional.of("restarted " + rise + " times in the last " + ago(earlier.at(), now));
            }
        }
        return Optional.empty();
    }

    public static boolean isLooping(ContainerInfo c, HostSnapshot s) {
        return loop(c, s).isPresent();
    }

    /** {@code gitlab-web-1 (compose project gitlab, service web)}, or just the name outside compose. */
    public static String label(ContainerInfo c) {
        String name = name(c);
        if (c.composeProject() == null) return name;
        return name + " (compose project " + c.composeProject()
                + (c.composeService() == null ? "" : ", service " + c.composeService()) + ")";
    }

    public static String name(ContainerInfo c) {
        return c.name() != null ? c.name() : c.id() == null ? "?" : c.id().substring(0, Math.min(12, c.id().length()));
    }

    /** "a, b and c", or "a, b, c and 4 more" past {@code max}. */
    public static String names(List<ContainerInfo> cs, int max) {
        List<String> n = cs.stream().map(ContainerHealth::name).toList();
        if (n.size() == 1) return n.get(0);
        if (n.size() <= max) return String.join(", ", n.subList(0, n.size() - 1)) + " and " + n.get(n.size() - 1);
        return String.join(", ", n.subList(0, max)) + " and " + (n.size() - max) + " more";
    }

    /** A moment as the host's clock shows it, and how long ago. */
    public static String when(Instant t, HostSnapshot s) {
        return CLOCK.format(t.atZone(s.zone())) + " (" + ago(t, s.takenAt()) + " ago)";
    }

    public static String ago(Instant t, Instant now) {
        long sec = Math.max(0, Duration.between(t, now).getSeconds());
        if (sec < 120) return sec + " s";
        if (sec < 7200) return sec / 60 + " min";
        if (sec < 172_800) return sec / 3600 + " h";
        return sec / 86_400 + " days";
    }

    /** What an exit code usually means, for the people reading the finding. */
    public static String exitMeaning(int code) {
        return switch (code) {
            case 0 -> "exited normally";
            case 125 -> "Docker could not run the command";
            case 126 -> "the command is not executable";
            case 127 -> "the command was not found";
            case 137 -> "killed (SIGKILL: out of memory, or stopped by force)";
            case 139 -> "crashed (segmentation fault)";
            case 143 -> "terminated (SIGTERM)";
            default -> code > 128 && code < 160 ? "killed by signal " + (code - 128) : "the program failed";
        };
    }

    /** The containers of the snapshot's daemon, when it answers. */
    public static List<ContainerInfo> containers(HostSnapshot s) {
        return s.daemon().reachable() ? s.daemon().containerList() : List.of();
    }

    public static Optional<ContainerInfo> byName(HostSnapshot s, String name) {
        return containers(s).stream().filter(c -> name.equals(c.name())).findFirst();
    }
}
