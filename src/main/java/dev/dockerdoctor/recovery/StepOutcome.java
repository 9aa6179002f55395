package dev.dockerdoctor.recovery;

import dev.dockerdoctor.model.Diagnosis;

import java.util.List;

/**
 * What happened when someone asked for a step. {@code lines} are the progress and output lines to show (already
 * trimmed); {@code after} is the fresh diagnosis taken afterwards (null when nothing ran).
 */
public record StepOutcome(Status status, String stepId, String user, String summary, List<String> lines, Diagnosis after) {
    public StepOutcome {
        lines = List.copyOf(lines);
    }

    public enum Status {
        /** Ran, and every command and file change succeeded. */
        DONE,
        /** Ran, and a command failed or timed out, or the daemon did not come back. */
        FAILED,
        /** The user may not run steps (not in DOCTOR_ADMINS). Nothing ran. */
        NOT_ALLOWED,
        /** Another step is running on this host right now. Nothing ran. */
        BUSY,
        /** Checked again at click time: the step's reason is gone. Nothing ran. */
        NOT_NEEDED,
        /** Refused for a reason the summary gives (a conflicting flag, an unreadable file). Nothing ran. */
        REFUSED
    }
}
