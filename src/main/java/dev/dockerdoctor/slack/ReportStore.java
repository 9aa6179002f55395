package dev.dockerdoctor.slack;

import dev.dockerdoctor.model.Diagnosis;

import java.util.Optional;

/**
 * Keeps the reports the bot has shown, so a button's value (report id + step id) resolves to the plan it was
 * drawn from. {@code serve} keeps them in the state folder ({@link FileReportStore}), so buttons survive a restart;
 * tests keep them in memory.
 */
public interface ReportStore {
    StoredReport save(Diagnosis diagnosis);

    Optional<StoredReport> find(String reportId);
}
