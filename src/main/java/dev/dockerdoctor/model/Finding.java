package dev.dockerdoctor.model;

import java.util.List;

/**
 * A conclusion of one rule. {@code id} is stable and public (see README, "Findings");
 * {@code steps} are the ids of the plan steps that address it.
 */
public record Finding(String id, Severity severity, String title, String detail,
                      List<Evidence> evidence, List<String> steps) {
    public Finding {
        evidence = List.copyOf(evidence);
        steps = List.copyOf(steps);
    }
}
