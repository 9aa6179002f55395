package dev.dockerdoctor.slack;

import dev.dockerdoctor.model.Diagnosis;

import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The last {@code capacity} reports, in memory; the oldest goes first. Ids read like r-20241127-062714-3f2a. */
public final class InMemoryReportStore implements ReportStore {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private final SecureRandom random = new SecureRandom();
    private final Map<String, StoredReport> reports;

    public InMemoryReportStore(int capacity) {
        this.reports = Bounded.newest(capacity);
    }

    @Override
    public synchronized StoredReport save(Diagnosis diagnosis) {
        String id;
        do {
            id = "r-" + STAMP.format(diagnosis.snapshot().takenAt()) + "-"
                    + String.format(Locale.ROOT, "%04x", random.nextInt(0x10000));
        } while (reports.containsKey(id));
        StoredReport r = new StoredReport(id, diagnosis);
        reports.put(id, r);
        return r;
    }

    @Override
    public synchronized Optional<StoredReport> find(String reportId) {
        return Optional.ofNullable(reports.get(reportId));
    }
}
