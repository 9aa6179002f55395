package dev.dockerdoctor.slack.message;

import dev.dockerdoctor.model.Diagnosis;
import dev.dockerdoctor.recovery.AuditLog;
import dev.dockerdoctor.watch.Incident;

import java.util.List;
import java.util.Optional;

/** What the App Home tab shows: the newest diagnosis, the open incident, and the last steps that ran (newest first). */
public record HomeState(Optional<Diagnosis> newest, Optional<Incident> open, List<AuditLog.Entry> lastSteps) {
    public HomeState {
        lastSteps = List.copyOf(lastSteps);
    }

    public static HomeState nothingKnown() {
        return new HomeState(Optional.empty(), Optional.empty(), List.of());
    }
}
