package dev.dockerdoctor.diagnosis.plan;

import dev.dockerdoctor.diagnosis.facts.ComposeFacts;
import dev.dockerdoctor.model.ComposeProject;
import dev.dockerdoctor.model.ComposeService;
import dev.dockerdoctor.model.HostSnapshot;
import dev.dockerdoctor.model.Step;
import dev.dockerdoctor.model.StepFamily;
import dev.dockerdoctor.parse.compose.DependencyOrder;
import dev.dockerdoctor.parse.compose.PosixPaths;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds {@code compose-up:<project>}: the host's compose command with the project's name and files, {@code up -d},
 * and its services in depends_on order. Offered only for a project that is still down, whose files compose accepts
 * and whose bind sources are there (the planner has already held it back while the data root is wrong).
 */
public final class ComposeSteps {
    private ComposeSteps() {
    }

    static Optional<Step> up(String project, HostSnapshot s, PlanContext ctx) {
        if (project == null) return Optional.empty();
        Optional<ComposeProject> found = s.compose().stream().filter(p -> p.name().equals(project)).findFirst();
        if (found.isEmpty()) return Optional.empty();
        ComposeProject p = found.get();
        if (p.files().isEmpty() || ComposeFacts.down(p).isEmpty() || ComposeFacts.hasProblemFile(s, p)
                || ComposeFacts.hasMissingBind(p)) {
            return Optional.empty();
        }
        List<String> argv = new ArrayList<>(ctx.composeCommand());
        argv.add("-p");
        argv.add(p.name());
        for (String f : p.files()) {
            argv.add("-f");
            argv.add(f);
        }
        // labels may name a project folder other than the file's (compose --project-directory)
        if (p.workingDir() != null && !PosixPaths.normalize(p.workingDir()).equals(PosixPaths.parent(p.files().get(0)))) {
            argv.add("--project-directory");
            argv.add(p.workingDir());
        }
        argv.add("up");
        argv.add("-d");
        List<String> services = order(ComposeFacts.startable(p));
        argv.addAll(services);
        String down = ComposeFacts.serviceList(ComposeFacts.down(p));
        String detail = "Starts compose project " + p.name() + " from " + String.join(" and ", p.files())
                + ": creates what is missing (" + down + ") and leaves running services alone. Services come up in"
                + " depends_on order: " + String.join(", ", services) + ".";
        return Optional.of(new Step(StepFamily.COMPOSE_UP.with(p.name()), "Start " + p.name() + " with compose", detail,
                List.of(argv), List.of(), true,
                "Creates any missing container, network and named volume. Only safe on the data root that holds "
                        + p.name() + "'s data."));
    }

    /** Service names so that each comes after what it depends on (cycles do not stop it). */
    public static List<String> order(List<ComposeService> services) {
        Map<String, List<String>> deps = new LinkedHashMap<>();
        services.forEach(svc -> deps.put(svc.name(), svc.dependsOn()));
        return DependencyOrder.order(deps);
    }
}
