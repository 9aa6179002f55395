package dev.dockerdoctor.diagnosis;

import dev.dockerdoctor.model.Diagnosis;

import java.time.Instant;

/**
 * Where a diagnosis comes from: gather the evidence (logs from {@code since} on) and run the {@link Doctor}. The one
 * port through which the bot (on its executor, never before the ack) and the watch (on its diagnosis thread) ask;
 * the real one lives in app/ and touches Docker and the host's files. It should not throw; if it does, the user is
 * told that the check failed and the log says why.
 */
@FunctionalInterface
public interface DiagnosisSource {
    Diagnosis diagnose(Instant since);
}
