package dev.dockerdoctor.diagnosis.rules;

import dev.dockerdoctor.diagnosis.facts.Bytes;
import dev.dockerdoctor.diagnosis.facts.ContainerHealth;
import dev.dockerdoctor.diagnosis.facts.Facts;
import dev.dockerdoctor.model.ContainerInfo;
import dev.dockerdoctor.model.Evidence;
import dev.dockerdoctor.model.Finding;
import dev.dockerdoctor.model.HostSnapshot;
import dev.dockerdoctor.model.Severity;
import dev.dockerdoctor.model.StepFamily;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code container-oom-killed}: the kernel killed a container for memory. Docker keeps {@code OOMKilled} until the
 * container stops again, also after its restart policy started it anew, so a running container counts only when that
 * kill was within the log window; a stopped one counts always (it is down because of it). Offers a restart for a
 * stopped one that is not looping.
 */
public final class ContainerOomKilledRule implements Rule {
    public static final String ID = "container-oom-killed";

    @Override
    public String id() { return ID; }

    @Override
    public List<Finding> check(HostSnapshot s, Facts facts) {
        List<ContainerInfo> killed = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        List<String> steps = new ArrayList<>();
        for (ContainerInfo c : ContainerHealth.containers(s)) {
            if (!Boolean.TRUE.equals(c.oomKilled())) continue;
            boolean down = !c.isRunning() && !"restarting".equals(c.state());
            boolean recent = c.finishedAt() != null && c.finishedAt().isAfter(s.since());
            if (!down && !recent) continue;
            killed.add(c);
            evidence.add(new Evidence("daemon", ContainerHealth.label(c) + ": OOMKilled, memory limit " + limit(c)
                    + (c.exitCode() != null && down ? "; exit code " + c.exitCode() : "")
                    + (c.finishedAt() != null ? "; killed " + ContainerHealth.when(c.finishedAt(), s) : "")
                    + "; now " + c.state()
                    + (c.restartCount() != null && c.restartCount() > 0 ? "; restart count " + c.restartCount() : "")));
            if (down && !ContainerHealth.isLooping(c, s) && c.name() != null) {
                steps.add(StepFamily.RESTART_CONTAINER.with(c.name()));
            }
        }
        if (killed.isEmpty()) return List.of();
        String who = ContainerHealth.names(killed, 3);
        String title = killed.size() == 1
                ? who + " was killed for running out of memory (limit " + limit(killed.get(0)) + ")"
                : killed.size() + " containers were killed for running out of memory: " + who;
        boolean anyLimit = killed.stream().anyMatch(c -> c.memoryLimit() != null && c.memoryLimit() > 0);
        String detail = "The kernel's OOM killer stopped " + (killed.size() == 1 ? "it" : "them") + " (exit code 137). "
                + (anyLimit ? "With a memory limit (--memory, mem_limit, deploy.resources.limits.memory) it needs more"
                + " than it is allowed: raise the limit or make it use less. " : "")
                + (killed.stream().anyMatch(c -> c.memoryLimit() == null || c.memoryLimit() == 0)
                ? "Without a limit the whole host ran short of memory: look at what else uses it. " : "")
                + "A restart brings it back but will not keep it from being killed again.";
        return List.of(new Finding(ID, Severity.WARNING, title, detail, evidence, steps));
    }

    static String limit(ContainerInfo c) {
        return c.memoryLimit() == null ? "unknown" : c.memoryLimit() == 0 ? "none" : Bytes.human(c.memoryLimit());
    }
}
