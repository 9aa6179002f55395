package dev.dockerdoctor.evidence;

import com.github.dockerjava.api.exception.DockerException;
import dev.dockerdoctor.model.DaemonState.Failure;

import java.time.Duration;
import java.util.Locale;

/**
 * Why a call to the daemon failed, as a kind (for the advice) and in the words a person can act on: no stack
 * traces, no class names where a reason is known. Pure.
 */
final class DockerFailures {
    /** A probe failure: its kind and its words. */
    record Failed(Failure kind, String message) {
    }

    private final String dockerHost;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    DockerFailures(String dockerHost, Duration connectTimeout, Duration readTimeout) {
        this.dockerHost = dockerHost;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    static boolean staleConnection(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String type = t.getClass().getSimpleName();
            String msg = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (type.equals("NoHttpResponseException") || type.equals("ConnectionClosedException")
                    || msg.contains("connection reset") || msg.contains("broken pipe")) {
                return true;
            }
        }
        return false;
    }

    /** A failure in the words a person can act on; no stack traces, no class names where a reason is known. */
    public Failed describe(String what, Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DockerException d) {
                return new Failed(Failure.DAEMON_ERROR, "Docker daemon at " + dockerHost + " refused " + what + ": HTTP "
                        + d.getHttpStatus() + daemonMessage(d.getMessage()));
            }
            String type = t.getClass().getSimpleName();
            String msg = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (msg.contains("no such file")) return noDaemon(Failure.NOT_LISTENING, "socket does not exist");
            if (msg.contains("connection refused")) return noDaemon(Failure.NOT_LISTENING, "connection refused");
            if (msg.contains("permission denied")) return permissionDenied();
            if (type.equals("UnknownHostException")) return noDaemon(Failure.NOT_LISTENING, "unknown host " + t.getMessage());
            if (type.equals("ConnectTimeoutException") || msg.contains("connect timed out")) {
                return noDaemon(Failure.NOT_LISTENING, "connect timed out after " + seconds(connectTimeout));
            }
            if (type.equals("NoRouteToHostException")) return noDaemon(Failure.NOT_LISTENING, "no route to host");
            if (type.equals("SocketTimeoutException") || type.equals("InterruptedIOException")) {
                return new Failed(Failure.NO_ANSWER, "Docker daemon at " + dockerHost + " did not answer " + what
                        + " (timed out after " + seconds(readTimeout) + ")");
            }
            if (type.equals("NoHttpResponseException") || type.equals("ConnectionClosedException")
                    || msg.contains("connection reset") || msg.contains("broken pipe")) {
                return new Failed(Failure.NO_ANSWER, "Docker daemon at " + dockerHost + " closed the connection without answering " + what);
            }
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String msg = root.getMessage() == null ? "" : ": " + root.getMessage().strip();
        return new Failed(Failure.OTHER, "Docker daemon at " + dockerHost + " could not be asked " + what + " ("
                + root.getClass().getSimpleName() + msg + ")");
    }

    Failed noDaemon(Failure kind, String why) {
        return new Failed(kind, "no Docker daemon at " + dockerHost + " (" + why + ")");
    }

    Failed permissionDenied() {
        return noDaemon(Failure.PERMISSION_DENIED, "permission denied: run as root or as a member of the docker group");
    }

    // docker-java puts the daemon's JSON {"message": "..."} into the exception text, after a status prefix
    private static String daemonMessage(String raw) {
        if (raw == null || raw.isBlank()) return "";
        String m = raw.strip();
        int i = m.indexOf("\"message\":\"");
        if (i >= 0) {
            int start = i + 11;
            int end = m.indexOf('"', start);
            m = end > start ? m.substring(start, end) : m.substring(start);
        } else if (m.matches("^Status \\d+: .*")) {
            m = m.substring(m.indexOf(": ") + 2);
        }
        return m.isBlank() ? "" : " (" + (m.length() > 300 ? m.substring(0, 300) + "..." : m) + ")";
    }

    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
