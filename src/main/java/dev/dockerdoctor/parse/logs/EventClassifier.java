package dev.dockerdoctor.parse.logs;

import dev.dockerdoctor.model.EventKind;

import java.util.List;

/**
 * What a log line says about Docker's life, from the markers systemd, dockerd and containerd write. The words are
 * the programs' own (systemd's unit messages and dockerd's are not translated); the program must match too, so a
 * person's shell echoing "Stopping Docker" is not taken for systemd stopping it.
 */
public final class EventClassifier {
    private static final String DOCKER_UNIT_TEXT = "Docker Application Container Engine";
    private static final String CONTAINERD_UNIT_TEXT = "containerd container runtime";
    /** dockerd's words when it will not start on its daemon.json, plain on stderr or as logrus's msg. */
    private static final String CONFIG_REFUSED_TEXT = "unable to configure the Docker daemon with file";
    /** snapd's Description= of the docker snap's daemon and of each revision's mount (snapd's unit templates). */
    private static final String SNAP_DOCKERD_TEXT = "Service for snap application docker.dockerd";
    private static final String SNAP_MOUNT_TEXT = "Mount unit for docker, revision ";

    private EventClassifier() {
    }

    // the texts the byte tests look for, as bytes (String.charAt costs a cold JVM too much per byte)
    private static final byte[] B_OCKER = ascii("ocker");
    private static final byte[] B_ONTAINERD = ascii("ontainerd");
    private static final byte[] B_RELOADING = ascii("Reloading");
    private static final byte[] B_DOCKER_SERVICE = ascii("docker.service: ");
    private static final byte[] B_CONTAINERD_SERVICE = ascii("containerd.service: ");
    private static final byte[] B_START = ascii("Start");
    private static final byte[] B_STOP = ascii("Stop");
    private static final byte[] B_FINISHED = ascii("Finished ");
    private static final byte[] B_MOUNTED = ascii("Mounted ");
    private static final byte[] B_SNAP_DOCKERD_SERVICE = ascii("snap.docker.dockerd.service: ");
    private static final byte[] B_STARTING_UP = ascii("Starting up\"");
    private static final byte[] B_SIGNAL_TERMINATED = ascii("Processing signal 'terminated'");
    private static final byte[] B_DOCKER_DAEMON = ascii("Docker daemon\"");
    private static final byte[] B_CONTAINERD_BOOTED = ascii("containerd successfully booted");
    private static final byte[] B_LEVEL = ascii("level=");
    private static final byte[] B_ERROR = ascii("error");
    private static final byte[] B_WARN = ascii("warn");
    private static final byte[] B_FATAL = ascii("fatal");
    private static final byte[] B_SYSTEMD = ascii("systemd");
    private static final byte[] B_INIT = ascii("init");
    private static final byte[] B_DOCKERD = ascii("dockerd");
    private static final byte[] B_DOCKER = ascii("docker");
    private static final byte[] B_CONTAINERD = ascii("containerd");

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** The snap revision a refresh mounted ("2915"), from a line classified as its package upgrade; null if none. */
    public static String snapRevision(String message) {
        int i = message.indexOf(SNAP_MOUNT_TEXT);
        if (i < 0) return null;
        int from = i + SNAP_MOUNT_TEXT.length();
        int to = from;
        while (to < message.length() && Character.isDigit(message.charAt(to))) to++;
        return to > from ? message.substring(from, to) : null;
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
                    if (at(b, i, end, B_OCKER) || at(b, i, end, B_ONTAINERD)) return true;
                }
                case 'a' -> {
                    if (b[i + 1] == 'p' && b[i + 2] == 't') return true;
                }
                case 'R' -> {
                    if (at(b, i, end, B_RELOADING)) return true;
                }
                case 'd' -> {
                    if (b[i + 1] == 'n' && b[i + 2] == 'f') return true;
                }
                default -> {
                }
            }
        }
        return false;
    }

    /**
     * The cheap test for a syslog line whose stamp ends at {@code stampEnd}: only systemd, init, dockerd, docker and
     * containerd lines can be events, so the tag after the host decides most lines, and the markers those programs
     * write decide the rest, all without decoding the line. A superset of {@link #classify} on the parsed line.
     */
    public static boolean mayBeEvent(byte[] b, int off, int len, int stampEnd) {
        int end = off + len;
        int p = eventProgram(b, off, len, stampEnd);
        if (p == 0) return false;
        int i = p >> 2;
        if (i < end && b[i] == '[') {
            while (i < end && b[i] != ']') i++;
            i++;
        }
        if (i < end && b[i] == ':') i++;
        if (i < end && b[i] == ' ') i++;
        switch (p & 3) {
            case SYSTEMD:
                if (at(b, i, end, B_RELOADING) || at(b, i, end, B_DOCKER_SERVICE) || at(b, i, end, B_CONTAINERD_SERVICE)
                        || at(b, i, end, B_SNAP_DOCKERD_SERVICE)) {
                    return true;
                }
                return (at(b, i, end, B_START) || at(b, i, end, B_STOP) || at(b, i, end, B_FINISHED)
                        || at(b, i, end, B_MOUNTED)) && anyOf(b, i, end, UNIT_MARKERS);
            case DOCKERD: {
                int m = msgValue(b, i, end);
                if (m < 0) return anyOf(b, i, end, DOCKERD_MARKERS); // not logrus: look everywhere
                if (at(b, m, end, B_STARTING_UP) || at(b, m, end, B_SIGNAL_TERMINATED)
                        || at(b, m, end, B_DOCKER_DAEMON)) {
                    return true;
                }
                return isProblem(b, i, m) && anyOf(b, m, end, PROBLEM_MARKERS);
            }
            default:
                int m = msgValue(b, i, end);
                return at(b, m < 0 ? i : m, end, B_CONTAINERD_BOOTED);
        }
    }

    /** Index of the value of logrus's {@code msg="}, or -1 when the line has none near its start. */
    private static int msgValue(byte[] b, int from, int end) {
        int lim = Math.min(end - 5, from + 96);
        for (int i = from; i < lim; i++) {
            if (b[i] == 'm' && b[i + 1] == 's' && b[i + 2] == 'g' && b[i + 3] == '=' && b[i + 4] == '"') return i + 5;
        }
        return -1;
    }

    /** A logrus line of level error, warning or fatal (the level comes before msg=). */
    private static boolean isProblem(byte[] b, int from, int msg) {
        for (int i = from; i < msg - 6; i++) {
            if (b[i] == 'l' && at(b, i, msg, B_LEVEL)) {
                return at(b, i + 6, msg, B_ERROR) || at(b, i + 6, msg, B_WARN) || at(b, i + 6, msg, B_FATAL);
            }
        }
        return false;
    }

    private static final int SYSTEMD = 1;
    private static final int DOCKERD = 2;
    private static final int CONTAINERD = 3;

    /**
     * Whether the tag of a syslog line (stamp ending at {@code stampEnd}) names a program whose lines can be events:
     * 0 when not; otherwise the kind of program in the low two bits and the index after the tag above them.
     */
    public static int eventProgram(byte[] b, int off, int len, int stampEnd) {
        int end = off + len;
        int i = stampEnd + 1;
        while (i < end && b[i] != ' ') i++; // host
        while (i < end && b[i] == ' ') i++;
        if (i >= end) return 0;
        int tag = i;
        byte first = b[tag];
        // most lines are some other program's: their tag's first letter says so without reading on
        if (first != 's' && first != 'i' && first != 'd' && first != 'c') return 0;
        while (i < end && b[i] != '[' && b[i] != ':' && b[i] != ' ') i++;
        int tagLen = i - tag;
        int kind = 0;
        if (tagLen == 7 && at(b, tag, end, B_SYSTEMD) || tagLen == 4 && at(b, tag, end, B_INIT)) kind = SYSTEMD;
        else if (at(b, tag, end, B_DOCKERD) || tagLen == 6 && at(b, tag, end, B_DOCKER)) kind = DOCKERD;
        else if (tagLen == 10 && at(b, tag, end, B_CONTAINERD)) kind = CONTAINERD;
        return kind == 0 ? 0 : (i << 2) | kind;
    }

    /** Every text one of the event programs writes in an event line; a line without any is no event. */
    public static final List<String> MARKERS = List.of("Docker Application Container Engine",
            "containerd container runtime", "docker.service: ", "containerd.service: ", "Daily apt",
            "apt-daily-upgrade.service -", "Reloading", "msg=\"Starting up\"", "Processing signal 'terminated'",
            "msg=\"Docker daemon\"", "transport is closing", "containerd successfully booted", SNAP_DOCKERD_TEXT,
            SNAP_MOUNT_TEXT, "snap.docker.dockerd.service: ", "dnf automatic", "dnf-automatic", CONFIG_REFUSED_TEXT);

    private static final byte[][] UNIT_MARKERS = bytes("Docker Application Container Engine",
            "containerd container runtime", "Daily apt", "apt-daily-upgrade.service -", SNAP_DOCKERD_TEXT, SNAP_MOUNT_TEXT,
            "dnf automatic", "dnf-automatic");
    private static final byte[][] DOCKERD_MARKERS = bytes("msg=\"Starting up\"", "Processing signal 'terminated'",
            "msg=\"Docker daemon\"", "transport is closing", CONFIG_REFUSED_TEXT);
    private static final byte[][] PROBLEM_MARKERS = bytes("transport is closing", CONFIG_REFUSED_TEXT);

    private static byte[][] bytes(String... s) {
        byte[][] out = new byte[s.length][];
        for (int i = 0; i < s.length; i++) out[i] = s[i].getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        return out;
    }

    /** Whether any needle occurs in b[from, end). Bytes no needle starts with are passed over at one test each. */
    private static boolean anyOf(byte[] b, int from, int end, byte[][] needles) {
        long lo = 0, hi = 0; // which first bytes (0..127) occur
        for (byte[] n : needles) {
            if (n[0] < 64) lo |= 1L << n[0];
            else hi |= 1L << (n[0] - 64);
        }
        for (int i = from; i < end; i++) {
            byte c = b[i];
            if (c < 0 || ((c < 64 ? lo >>> c : hi >>> (c - 64)) & 1) == 0) continue;
            for (byte[] n : needles) {
                if (c == n[0] && i + n.length <= end && rest(b, i, n)) return true;
            }
        }
        return false;
    }

    private static boolean rest(byte[] b, int i, byte[] n) {
        for (int k = 1; k < n.length; k++) {
            if (b[i + k] != n[k]) return false;
        }
        return true;
    }

    private static boolean at(byte[] b, int i, int end, byte[] n) {
        if (i < 0 || i + n.length > end) return false;
        for (int k = 0; k < n.length; k++) {
            if (b[i + k] != n[k]) return false;
        }
        return true;
    }

    private static EventKind fromSystemd(String m) {
        if (m.equals("Reloading.") || m.startsWith("Reloading requested from client PID")) return EventKind.SYSTEMD_RELOAD;
        if (m.contains(DOCKER_UNIT_TEXT) || m.contains(SNAP_DOCKERD_TEXT)) {
            return startOrStop(m, EventKind.DOCKER_START, EventKind.DOCKER_STOP);
        }
        // snapd mounts the new revision of a snap it refreshes, then restarts its services
        if (m.startsWith("Mounted ") && m.contains(SNAP_MOUNT_TEXT)) return EventKind.PACKAGE_UPGRADE;
        if (m.startsWith("snap.docker.dockerd.service: ") && stoppedForGood(m)) return EventKind.DOCKER_STOP;
        if (m.contains(CONTAINERD_UNIT_TEXT)) return startOrStop(m, EventKind.CONTAINERD_START, EventKind.CONTAINERD_STOP);
        if (m.startsWith("docker.service: ") && stoppedForGood(m)) return EventKind.DOCKER_STOP;
        if (m.startsWith("containerd.service: ") && stoppedForGood(m)) return EventKind.CONTAINERD_STOP;
        if (isDnfAutomaticInstall(m)) {
            if (m.startsWith("Starting ")) return EventKind.DNF_AUTOMATIC_START;
            if (m.startsWith("Started ") || m.startsWith("Finished ")) return EventKind.DNF_AUTOMATIC_END;
        }
        // apt-daily-upgrade.service; before the split (Ubuntu 16.04 until 2017) apt-daily.service "Daily apt
        // activities" ran the upgrade too. "Daily apt download activities" only downloads.
        if (m.contains("Daily apt upgrade and clean activities") || m.contains("apt-daily-upgrade.service -")
                || m.contains("Daily apt activities")) {
            if (m.startsWith("Starting ")) return EventKind.APT_DAILY_UPGRADE_START;
            if (m.startsWith("Started ") || m.startsWith("Finished ")) return EventKind.APT_DAILY_UPGRADE_END;
        }
        return null;
    }

    /**
     * dnf-automatic's runs that install: dnf-automatic-install.service ("dnf automatic install updates") and
     * dnf-automatic.service ("dnf automatic", installing when its apply_updates says so), by unit name (systemd 240
     * and later) or description; the download-only and notify-only timers change nothing.
     */
    private static boolean isDnfAutomaticInstall(String m) {
        return m.contains("dnf-automatic-install.service") || m.contains("dnf automatic install updates")
                || m.contains("dnf-automatic.service - ") || m.equals("Starting dnf automatic...") || m.equals("Started dnf automatic.");
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
        if (m.contains(CONFIG_REFUSED_TEXT)) return EventKind.DOCKERD_CONFIG_REFUSED;
        if (m.contains("msg=\"Starting up\"")) return EventKind.DOCKERD_STARTING;
        if (m.contains("Processing signal 'terminated'")) return EventKind.DOCKERD_TERMINATED;
        if (m.contains("msg=\"Docker daemon\"") && (m.contains("graphdriver") || m.contains("storage-driver="))) {
            return EventKind.DOCKERD_READY;
        }
        // an error or warning (not grpc's chatter at info) saying the connection to containerd broke
        if (m.contains("transport is closing")
                && (m.contains("level=error") || m.contains("level=warn") || m.contains("level=fatal") || !m.contains("level="))) {
            return EventKind.CONTAINERD_LOST;
        }
        return null;
    }
}
