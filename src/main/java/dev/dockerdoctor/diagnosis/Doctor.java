package dev.dockerdoctor.diagnosis;

import dev.dockerdoctor.model.Diagnosis;
import dev.dockerdoctor.model.Finding;
import dev.dockerdoctor.model.HostSnapshot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The agent's reasoning: every rule over one snapshot, findings by severity, then the plan. Pure. */
public final class Doctor {
    private final List<Rule> rules;
    private final Planner planner;

    public Doctor(List<Rule> rules, Planner planner) {
        this.rules = List.copyOf(rules);
        this.planner = planner;
    }

    public static Doctor standard(PlanContext ctx) {
        return new Doctor(Rules.all(), new Planner(ctx));
    }

    public Diagnosis diagnose(HostSnapshot s) {
        List<Finding> findings = new ArrayList<>();
        for (Rule r : rules) findings.addAll(r.check(s));
        findings.sort(Comparator.comparing(Finding::severity));
        return new Diagnosis(s, findings, planner.plan(s, findings), ChangeDetector.changes(s));
    }
}
