package dev.dockerdoctor.parse.logs;

import java.time.OffsetDateTime;

/**
 * One journal entry from {@code journalctl -o json}. {@code systemdUnit} is the unit that wrote it
 * ({@code _SYSTEMD_UNIT}); {@code unit} the unit systemd speaks about ({@code UNIT}, set on PID 1's
 * "Stopping ..." lines). {@code identifier} is {@code SYSLOG_IDENTIFIER}, {@code comm} {@code _COMM}.
 * {@code containerId} is set on container output that Docker's journald log driver wrote.
 */
public record JournalEntry(OffsetDateTime time, String host, String systemdUnit, String unit, String identifier,
                           String pid, String comm, String message, String containerId) {

    /** The program as syslog would name it: the identifier, else the command name. */
    public String program() {
        return identifier != null ? identifier : comm;
    }

    /** The entry in journalctl's short form without the time: {@code dockerd[9008]: message}. */
    public String shortLine() {
        String p = program() == null ? "?" : program();
        return (pid != null ? p + "[" + pid + "]" : p) + ": " + (message == null ? "" : message);
    }
}
