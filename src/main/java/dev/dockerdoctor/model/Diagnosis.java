package dev.dockerdoctor.model;

import java.util.List;

/** The agent's answer: the evidence, what it concludes, the plan in a safe order, and what changed since good. */
public record Diagnosis(HostSnapshot snapshot, List<Finding> findings, List<Step> plan, List<Change> changes) {
    public Diagnosis {
        findings = List.copyOf(findings);
        plan = List.copyOf(plan);
        changes = List.copyOf(changes);
    }

    /** Any warning or critical finding; advice (info) does not count. */
    public boolean hasProblems() {
        return findings.stream().anyMatch(f -> f.severity().isProblem());
    }

    public boolean has(String findingId) {
        return findings.stream().anyMatch(f -> f.id().equals(findingId));
    }
}
