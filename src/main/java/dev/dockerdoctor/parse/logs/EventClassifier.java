package dev.dockerdoctor.parse.logs;

import dev.dockerdoctor.model.EventKind;

/**
 * What a log line says about Docker's life, from the markers systemd, dockerd and containerd write. The words are
 * the programs' own (systemd's unit messages and dockerd's are not translated); the program must match too, so a
 * person's shell echoing "Stopping Docker" is not taken for systemd stopping it.
 */
public final class EventClassifier {
    private static final String DOCKER_UNIT_TEXT = "Docker Application Container Engine";
    private static final String CONTAINERD_UNIT_TEXT = "containerd container runtime";

    private EventClassifier() {
    }

    /**
     * The kind of event, or null when the line is none.
     *
     * @param program the syslog tag or the journal's SYSLOG_IDENTIFIER ({@code systemd}, {@code dockerd}, ...)
     * @param message the message after the tag
     */
    public static EventKind classify(String program, String message) {
        if (program == null || message == null) return null;
        if (program.equals("systemd") || program.equals("init")) return fromSystemd(message);
        if (program.startsWith("dockerd") || program.equals("docker")) return fromDockerd(message);
        if (program.equals("containerd") && message.contains("containerd successfully booted")) {
            return EventKind.CONTAINERD_START;
        }
        return null;
    }

    /** A quick test on raw bytes: could this line be an event at all? (A superset of {@link #classify}.) */
    public static boolean mayBeEvent(byte[] b, int off, int len) {
        int end = off + len;
        for (int i = off; i < end - 2; i++) {
            switch (b[i]) {
                case 'o' -> {
                    if (at(b, i, end, "ocker") || at(b, i, end, "ontainerd")) return true;
                }
                case 'a' -> {
                    if (b[i + 1] == 'p' && b[i + 2] == 't') return true;
                }
                case 'R' -> {
                    if (at(b, i, end, "Reloading")) return true;
                }
                default -> {
                }
            }
        }
        return false;
    }

    /**
     * The cheap test for a syslog line whose stamp ends at {@code stampEnd}: only systemd, init, dockerd, docker and
     * containerd lines can be events, so the tag after the host decides most lines without reading their message.
     * A superset of {@link #classify} on the parsed line.
     */
    public static boolean mayBeEvent(byte[] b, int off, int len, int stampEnd) {
        int end = off + len;
        int i = stampEnd + 1;
        while (i < end && b[i] != ' ') i++; // host
        while (i < end && b[i] == ' ') i++;
        if (i >= end) return false;
        if (at(b, i, end, "systemd") || at(b, i, end, "init")) {
            int k = i + 4;
            while (k < end && b[k] != ' ') k++;
            // "systemd-resolved[512]:" and friends are other programs
            if (at(b, i, end, "systemd-") || at(b, i, end, "initramfs")) return false;
            return mayBeEvent(b, k, end - k);
        }
        return at(b, i, end, "docker") || at(b, i, end, "containerd");
    }

    private static boolean at(byte[] b, int i, int end, String s) {
        if (i + s.length() > end) return false;
        for (int k = 0; k < s.length(); k++) {
            if (b[i + k] != s.charAt(k)) return false;
        }
        return true;
    }

    private static EventKind fromSystemd(String m) {
        if (m.equals("Reloading.") || m.startsWith("Reloading requested from client PID")) return EventKind.SYSTEMD_RELOAD;
        if (m.contains(DOCKER_UNIT_TEXT)) return startOrStop(m, EventKind.DOCKER_START, EventKind.DOCKER_STOP);
        if (m.contains(CONTAINERD_UNIT_TEXT)) return startOrStop(m, EventKind.CONTAINERD_START, EventKind.CONTAINERD_STOP);
        if (m.startsWith("docker.service: ") && stoppedForGood(m)) return EventKind.DOCKER_STOP;
        if (m.startsWith("containerd.service: ") && stoppedForGood(m)) return EventKind.CONTAINERD_STOP;
        // apt-daily-upgrade.service; before the split (Ubuntu 16.04 until 2017) apt-daily.service "Daily apt
        // activities" ran the upgrade too. "Daily apt download activities" only downloads.
        if (m.contains("Daily apt upgrade and clean activities") || m.contains("apt-daily-upgrade.service -")
                || m.contains("Daily apt activities")) {
            if (m.startsWith("Starting ")) return EventKind.APT_DAILY_UPGRADE_START;
            if (m.startsWith("Started ") || m.startsWith("Finished ")) return EventKind.APT_DAILY_UPGRADE_END;
        }
        return null;
    }

    private static EventKind startOrStop(String m, EventKind start, EventKind stop) {
        if (m.startsWith("Starting ") || m.startsWith("Started ")) return start;
        if (m.startsWith("Stopping ") || m.startsWith("Stopped ")) return stop;
        return null;
    }

    private static boolean stoppedForGood(String m) {
        return m.endsWith(": Succeeded.") || m.endsWith(": Deactivated successfully.");
    }

    private static EventKind fromDockerd(String m) {
        if (m.contains("msg=\"Starting up\"")) return EventKind.DOCKERD_STARTING;
        if (m.contains("Processing signal 'terminated'")) return EventKind.DOCKERD_TERMINATED;
        if (m.contains("msg=\"Docker daemon\"") && (m.contains("graphdriver") || m.contains("storage-driver="))) {
            return EventKind.DOCKERD_READY;
        }
        if (m.contains("transport is closing")) return EventKind.CONTAINERD_LOST;
        return null;
    }
}
