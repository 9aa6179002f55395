package dev.dockerdoctor.slack.message;

import dev.dockerdoctor.model.Diagnosis;
import dev.dockerdoctor.recovery.AuditLog;
import dev.dockerdoctor.watch.Incident;
import dev.dockerdoctor.watch.Maintenance;

import java.util.List;
import java.util.Optional;

/**
 * What the App Home tab shows: the newest diagnosis, the open incident, the last steps that ran (newest first), and
 * the maintenance window under way.
 */
public record HomeState(Optional<Diagnosis> newest, Optional<Incident> open, List<AuditLog.Entry> lastSteps,
                        Optional<Maintenance> maintenance) {
    public HomeState {
        lastSteps = List.copyOf(lastSteps);
    }

    public HomeState(Optional<Diagnosis> newest, Optional<Incident> open, List<AuditLog.Entry> lastSteps) {
        this(newest, open, lastSteps, Optional.empty());
    }

    public static HomeState nothingKnown() {
        return new HomeState(Optional.empty(), Optional.empty(), List.of());
    }
}
