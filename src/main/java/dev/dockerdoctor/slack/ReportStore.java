package dev.dockerdoctor.slack;

import dev.dockerdoctor.model.Diagnosis;

import java.util.Optional;

/**
 * Keeps the reports the bot has shown, so a button's value (report id + step id) resolves to the plan it was
 * drawn from. In memory for now; a state-folder store can replace it so buttons survive a restart.
 */
public interface ReportStore {
    StoredReport save(Diagnosis diagnosis);

    Optional<StoredReport> find(String reportId);
}
