package dev.dockerdoctor.diagnosis;

import dev.dockerdoctor.model.Diagnosis;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A source that keeps the newest diagnosis it made, for what shows the host's state without diagnosing again:
 * {@code GET /metrics} and the App Home tab.
 */
public final class NewestDiagnosis implements DiagnosisSource {
    private final DiagnosisSource source;
    private final AtomicReference<Diagnosis> newest = new AtomicReference<>();

    public NewestDiagnosis(DiagnosisSource source) {
        this.source = source;
    }

    @Override
    public Diagnosis diagnose(Instant since) {
        Diagnosis d = source.diagnose(since);
        if (d != null) newest.set(d);
        return d;
    }

    /** The newest diagnosis made through this source; empty before the first. */
    public Optional<Diagnosis> newest() {
        return Optional.ofNullable(newest.get());
    }
}
