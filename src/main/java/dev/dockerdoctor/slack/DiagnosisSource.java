package dev.dockerdoctor.slack;

import dev.dockerdoctor.model.Diagnosis;

import java.time.Instant;

/**
 * Where the bot gets a diagnosis: gather the evidence (logs from {@code since} on) and run the doctor. The real one
 * lives in app/ and touches Docker and the host's files; it is called on the bot's executor, never before the ack.
 * It should not throw; if it does, the user is told that the check failed and the log says why.
 */
@FunctionalInterface
public interface DiagnosisSource {
    Diagnosis diagnose(Instant since);
}
