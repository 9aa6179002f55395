package dev.dockerdoctor.diagnosis.rules;

import dev.dockerdoctor.diagnosis.facts.Facts;
import dev.dockerdoctor.model.ComposeProblem;
import dev.dockerdoctor.model.Evidence;
import dev.dockerdoctor.model.Finding;
import dev.dockerdoctor.model.HostSnapshot;
import dev.dockerdoctor.model.Severity;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code compose-file-invalid}: a compose file compose would refuse (bad YAML, a wrong shape, an unset required
 * variable, an alias bomb), or one that containers' labels name but that is gone. One finding per file, naming the
 * file and the line.
 */
public final class ComposeFileInvalidRule implements Rule {
    public static final String ID = "compose-file-invalid";

    @Override
    public String id() { return ID; }

    @Override
    public Set<FindingTrait> traits() { return EnumSet.of(FindingTrait.COMPOSE_VIEW); }

    @Override
    public List<Finding> check(HostSnapshot s, Facts facts) {
        Map<String, List<ComposeProblem>> byFile = new LinkedHashMap<>();
        for (ComposeProblem p : s.composeProblems()) byFile.computeIfAbsent(p.file(), k -> new ArrayList<>()).add(p);
        List<Finding> out = new ArrayList<>();
        byFile.forEach((file, problems) -> {
            ComposeProblem first = problems.get(0);
            boolean missing = problems.stream().allMatch(p -> p.message().contains("not on this host")
                    || p.message().equals("file not found") || p.message().contains("but not found"));
            String where = first.line() == null ? file : file + ", line " + first.line();
            String title = missing ? "Compose file " + file + " is missing" : "Compose would refuse " + where + ": " + first.message();
            List<Evidence> ev = problems.stream()
                    .map(p -> new Evidence(p.line() == null ? p.file() : p.file() + ":" + p.line(), p.message())).toList();
            String detail = missing
                    ? "The file is named but not there, so its project cannot be started from it."
                    : "docker compose reads this file before doing anything and stops at the first problem: the project"
                    + " cannot be started, stopped or updated until " + (problems.size() == 1 ? "it is" : "they are") + " fixed.";
            out.add(new Finding(ID, Severity.WARNING, title, detail, ev, List.of()));
        });
        return out;
    }
}
