package dev.dockerdoctor.diagnosis;

import dev.dockerdoctor.diagnosis.facts.ChangeDetector;
import dev.dockerdoctor.diagnosis.facts.Facts;
import dev.dockerdoctor.diagnosis.plan.PlanContext;
import dev.dockerdoctor.diagnosis.plan.Planner;
import dev.dockerdoctor.diagnosis.rules.RootVerdict;
import dev.dockerdoctor.diagnosis.rules.Rule;
import dev.dockerdoctor.diagnosis.rules.Rules;
import dev.dockerdoctor.model.Diagnosis;
import dev.dockerdoctor.model.Finding;
import dev.dockerdoctor.model.HostSnapshot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The agent's reasoning, in order: the facts, then the rules, then the plan. The root rules (those that say whether
 * the root is right) run first and settle the verdict; every other rule then reads it from the facts instead of
 * asking the root rules again. Findings keep the rules' order within a severity. Pure.
 */
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
        Facts early = Facts.of(s);
        List<List<Finding>> byRule = rootPass(rules, s, early);
        Facts facts = settled(s, early, byRule);
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            findings.addAll(byRule.get(i) != null ? byRule.get(i) : rules.get(i).check(s, facts));
        }
        findings.sort(Comparator.comparing(Finding::severity));
        return new Diagnosis(s, findings, planner.plan(s, facts, findings), ChangeDetector.changes(s));
    }

    /** The facts of a snapshot with the verdict of every root rule, as {@link #diagnose} answers them. */
    public static Facts facts(HostSnapshot s) {
        Facts early = Facts.of(s);
        return settled(s, early, rootPass(Rules.all(), s, early));
    }

    /** One rule alone, with the facts it would see in {@link #diagnose} (for tests and tools). */
    public static List<Finding> check(Rule rule, HostSnapshot s) {
        return rule.check(s, facts(s));
    }

    /** The early facts with the verdict of the root rules' findings. */
    private static Facts settled(HostSnapshot s, Facts early, List<List<Finding>> byRule) {
        return RootVerdict.settle(s, early, byRule.stream().filter(Objects::nonNull).flatMap(List::stream).toList());
    }

    /** The root rules' findings, in the rules' places (null where a rule waits for the verdict). */
    private static List<List<Finding>> rootPass(List<Rule> rules, HostSnapshot s, Facts early) {
        List<List<Finding>> out = new ArrayList<>();
        for (Rule r : rules) out.add(RootVerdict.decidedBy(r) ? r.check(s, early) : null);
        return out;
    }
}
