package dev.dockerdoctor.app;

import dev.dockerdoctor.diagnosis.DiagnosisSource;
import dev.dockerdoctor.model.Diagnosis;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/** A diagnosis source that records every call (the window asked for) and can be slow or fail, like a real host. */
final class RecordingSource implements DiagnosisSource {
    final List<Instant> calls = new CopyOnWriteArrayList<>();
    private final Supplier<Diagnosis> answer;
    private final Duration delay;

    RecordingSource(Supplier<Diagnosis> answer, Duration delay) {
        this.answer = answer;
        this.delay = delay;
    }

    @Override
    public Diagnosis diagnose(Instant since) {
        calls.add(since);
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return answer.get();
    }
}
