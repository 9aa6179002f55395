package dev.dockerdoctor.watch;

import dev.dockerdoctor.model.Diagnosis;
import dev.dockerdoctor.model.Finding;
import dev.dockerdoctor.model.Severity;
import dev.dockerdoctor.model.Step;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What an incident keeps of a diagnosis: when it was started, the likely cause in one line (the first problem's
 * title, null when none), the ids of its critical and other problem findings, and its plan's step ids.
 */
public record Verdict(Instant startedAt, String likelyCause, List<String> critical, List<String> problems,
                      List<String> plan) {
    public Verdict {
        critical = List.copyOf(critical);
        problems = List.copyOf(problems);
        plan = List.copyOf(plan);
    }

    public static Verdict of(Diagnosis d, Instant startedAt) {
        List<Finding> problems = d.findings().stream().filter(f -> f.severity().isProblem()).toList();
        String cause = problems.stream().filter(f -> f.severity() == Severity.CRITICAL).map(Finding::title).findFirst()
                .orElse(problems.isEmpty() ? null : problems.get(0).title());
        return new Verdict(startedAt, cause,
                problems.stream().filter(f -> f.severity() == Severity.CRITICAL).map(Finding::id).toList(),
                problems.stream().map(Finding::id).toList(),
                d.plan().stream().map(Step::id).toList());
    }

    /** The same conclusion, whenever it was drawn: a new diagnosis saying this again is no news. */
    public boolean sameAs(Verdict o) {
        return o != null && Objects.equals(likelyCause, o.likelyCause) && critical.equals(o.critical)
                && problems.equals(o.problems) && plan.equals(o.plan);
    }
}
