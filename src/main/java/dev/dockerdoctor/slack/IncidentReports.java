package dev.dockerdoctor.slack;

import dev.dockerdoctor.model.Diagnosis;

import java.util.Optional;
import java.util.function.Function;

/**
 * Reports as the buttons know them: a button in an incident thread names the incident, and resolves to that
 * incident's newest diagnosis for as long as it is open (the incident lives in the state folder, so this holds across
 * restarts of the bot once it has diagnosed again); every other id goes to the reports of /docker-status.
 */
public final class IncidentReports implements ReportStore {
    private final ReportStore reports;
    private final Function<String, Optional<Diagnosis>> openIncidents;

    /** @param openIncidents an open incident's newest diagnosis by incident id, empty for any other id */
    public IncidentReports(ReportStore reports, Function<String, Optional<Diagnosis>> openIncidents) {
        this.reports = reports;
        this.openIncidents = openIncidents;
    }

    @Override
    public StoredReport save(Diagnosis diagnosis) {
        return reports.save(diagnosis);
    }

    @Override
    public Optional<StoredReport> find(String reportId) {
        Optional<StoredReport> incident = openIncidents.apply(reportId).map(d -> new StoredReport(reportId, d));
        return incident.isPresent() ? incident : reports.find(reportId);
    }
}
