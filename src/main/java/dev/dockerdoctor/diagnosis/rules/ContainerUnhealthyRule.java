package dev.dockerdoctor.diagnosis.rules;

import dev.dockerdoctor.diagnosis.facts.ContainerHealth;
import dev.dockerdoctor.diagnosis.facts.Facts;
import dev.dockerdoctor.model.ContainerInfo;
import dev.dockerdoctor.model.Evidence;
import dev.dockerdoctor.model.Finding;
import dev.dockerdoctor.model.HealthCheckResult;
import dev.dockerdoctor.model.HostSnapshot;
import dev.dockerdoctor.model.Severity;
import dev.dockerdoctor.model.StepFamily;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code container-unhealthy}: a container whose own health check fails, with what the last checks printed. Offers
 * a restart (a hung process often recovers), but not for one that is looping: that needs its cause fixed.
 */
public final class ContainerUnhealthyRule implements Rule {
    public static final String ID = "container-unhealthy";
    /** Health-check runs shown per container (Docker keeps five). */
    static final int CHECKS_SHOWN = 3;
    static final int OUTPUT_CHARS = 200;

    @Override
    public String id() { return ID; }

    @Override
    public List<Finding> check(HostSnapshot s, Facts facts) {
        List<ContainerInfo> sick = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        List<String> steps = new ArrayList<>();
        for (ContainerInfo c : ContainerHealth.containers(s)) {
            // Docker keeps the last health status of a stopped container: only a running one is failing now
            if (!"unhealthy".equals(c.health()) || !c.isRunning()) continue;
            sick.add(c);
            List<HealthCheckResult> log = c.healthLog();
            long failing = log.stream().filter(h -> h.exitCode() == null || h.exitCode() != 0).count();
            evidence.add(new Evidence("daemon", ContainerHealth.label(c) + ": health unhealthy, " + failing + " of the last "
                    + log.size() + " checks failed" + (c.startedAt() != null ? "; up since " + ContainerHealth.when(c.startedAt(), s) : "")));
            for (HealthCheckResult h : log.subList(Math.max(0, log.size() - CHECKS_SHOWN), log.size())) {
                evidence.add(new Evidence("health check " + ContainerHealth.name(c), check(h, s)));
            }
            if (!ContainerHealth.isLooping(c, s) && c.name() != null) steps.add(StepFamily.RESTART_CONTAINER.with(c.name()));
        }
        if (sick.isEmpty()) return List.of();
        String who = ContainerHealth.names(sick, 3);
        String title = sick.size() == 1 ? who + " fails its health check"
                : sick.size() + " containers fail their health checks: " + who;
        String detail = (sick.size() == 1 ? "It runs, but its own health check says it does not work."
                : "They run, but their own health checks say they do not work.") + " The outputs of the last checks are below. A restart often gets a"
                + " hung service going again; if it is unhealthy again soon after, the cause is elsewhere (a database,"
                + " a full disk, a setting).";
        return List.of(new Finding(ID, Severity.WARNING, title, detail, evidence, steps));
    }

    private static String check(HealthCheckResult h, HostSnapshot s) {
        String out = h.output().strip().replaceAll("\\s*\\n\\s*", " | ");
        if (out.length() > OUTPUT_CHARS) out = out.substring(0, OUTPUT_CHARS - 3) + "...";
        return (h.start() != null ? ContainerHealth.when(h.start(), s) + ": " : "")
                + "exit " + (h.exitCode() == null ? "?" : h.exitCode()) + (out.isEmpty() ? " (no output)" : ": " + out);
    }
}
