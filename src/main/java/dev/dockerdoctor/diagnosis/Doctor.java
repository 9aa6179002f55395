package dev.dockerdoctor.diagnosis;

import dev.dockerdoctor.model.Diagnosis;
import dev.dockerdoctor.model.Finding;
import dev.dockerdoctor.model.HostSnapshot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The agent's reasoning, in order: the facts, then the rules, then the plan. The root rules (those that say whether
 * the root is right) run first and settle the verdict; every other rule then reads it from the facts instead of
 * asking the root rules again. Findings keep the rules' order within a severity. Pure.
 */
public final class Doctor {
    private static final Set<FindingTrait> VERDICT = Set.of(FindingTrait.ROOT_NOT_RIGHT, FindingTrait.LIVE_ROOT_ELSEWHERE);

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

    /** The early facts with the verdict of the root rules' findings. */
    private static Facts settled(HostSnapshot s, Facts early, List<List<Finding>> byRule) {
        return early.withRootFindings(s, byRule.stream().filter(Objects::nonNull).flatMap(List::stream).toList());
    }

    /** The root rules' findings, in the rules' places (null where a rule waits for the verdict). */
    private static List<List<Finding>> rootPass(List<Rule> rules, HostSnapshot s, Facts early) {
        List<List<Finding>> out = new ArrayList<>();
        for (Rule r : rules) out.add(decidesVerdict(r) ? r.check(s, early) : null);
        return out;
    }

    private static boolean decidesVerdict(Rule r) {
        return r.traits().stream().anyMatch(VERDICT::contains);
    }
}
