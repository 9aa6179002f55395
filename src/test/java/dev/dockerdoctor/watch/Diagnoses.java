package dev.dockerdoctor.watch;

import dev.dockerdoctor.diagnosis.DiagnosisSource;
import dev.dockerdoctor.diagnosis.Doctor;
import dev.dockerdoctor.diagnosis.plan.PlanContext;
import dev.dockerdoctor.model.Diagnosis;
import dev.dockerdoctor.testing.Snapshots;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Real diagnoses by the real rules, of two hosts in the words of the story: Docker back on the empty default root
 * while the big disk holds GitLab, and the same host put right. A {@link DiagnosisSource} answering whichever the test says.
 */
final class Diagnoses implements DiagnosisSource {
    private static final Doctor DOCTOR = Doctor.standard(PlanContext.defaults());

    private volatile Supplier<Diagnosis> answer;
    private volatile Duration delay = Duration.ZERO;
    private final AtomicInteger runs = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger maxRunning = new AtomicInteger();

    Diagnoses(Supplier<Diagnosis> first) {
        this.answer = first;
    }

    static Diagnosis drifted() {
        return DOCTOR.diagnose(Snapshots.host().daemonOn("/var/lib/docker", 0, 0)
                .root("/var/lib/docker", true, 0, 0, 0)
                .root("/big/docker", false, 12, 5, 3, "gitlab")
                .build());
    }

    static Diagnosis healthy() {
        return DOCTOR.diagnose(Snapshots.host().daemonOn("/big/docker", 12, 5)
                .root("/big/docker", true, 12, 5, 3, "gitlab")
                .build());
    }

    Diagnoses answer(Supplier<Diagnosis> a) {
        this.answer = a;
        return this;
    }

    Diagnoses slow(Duration d) {
        this.delay = d;
        return this;
    }

    int runs() { return runs.get(); }

    int maxConcurrent() { return maxRunning.get(); }

    @Override
    public Diagnosis diagnose(Instant since) {
        int now = running.incrementAndGet();
        maxRunning.accumulateAndGet(now, Math::max);
        try {
            if (!delay.isZero()) Thread.sleep(delay.toMillis());
            runs.incrementAndGet();
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        } finally {
            running.decrementAndGet();
        }
    }
}
