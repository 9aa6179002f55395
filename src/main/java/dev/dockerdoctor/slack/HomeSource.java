package dev.dockerdoctor.slack;

import dev.dockerdoctor.model.Diagnosis;
import dev.dockerdoctor.recovery.AuditLog;
import dev.dockerdoctor.watch.Incident;

import java.util.List;
import java.util.Optional;

/** What the App Home tab shows, as it is now: read without diagnosing again, so the tab opens at once. */
@FunctionalInterface
public interface HomeSource {
    /** The newest diagnosis, the open incident, and the last steps that ran (newest first). */
    record Home(Optional<Diagnosis> newest, Optional<Incident> open, List<AuditLog.Entry> lastSteps) {
        public Home {
            lastSteps = List.copyOf(lastSteps);
        }
    }

    Home now();

    /** Nothing known (tests, and a bot without a watch). */
    static HomeSource none() {
        return () -> new Home(Optional.empty(), Optional.empty(), List.of());
    }
}
