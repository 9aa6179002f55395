package dev.dockerdoctor.slack;

import dev.dockerdoctor.model.Diagnosis;
import dev.dockerdoctor.model.Step;

import java.util.Optional;

/** A diagnosis as it was shown in Slack, under the id its buttons name. */
public record StoredReport(String id, Diagnosis diagnosis) {
    public Optional<Step> step(String stepId) {
        return diagnosis.plan().stream().filter(s -> s.id().equals(stepId)).findFirst();
    }
}
