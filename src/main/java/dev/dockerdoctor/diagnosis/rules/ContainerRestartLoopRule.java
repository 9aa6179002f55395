package dev.dockerdoctor.diagnosis.rules;

import dev.dockerdoctor.diagnosis.facts.ContainerHealth;
import dev.dockerdoctor.diagnosis.facts.Facts;
import dev.dockerdoctor.model.ContainerInfo;
import dev.dockerdoctor.model.Evidence;
import dev.dockerdoctor.model.Finding;
import dev.dockerdoctor.model.HostSnapshot;
import dev.dockerdoctor.model.Severity;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code container-restart-loop}: containers that start, crash and are started again by their restart policy (see
 * {@link ContainerHealth#loop}). A restart does not fix that, so no step is offered: the evidence shows why it
 * stops (the exit code, the last lines it printed).
 */
public final class ContainerRestartLoopRule implements Rule {
    public static final String ID = "container-restart-loop";
    /** Log lines shown per container (the probe reads a few more). */
    static final int LOG_LINES = 10;

    @Override
    public String id() { return ID; }

    @Override
    public List<Finding> check(HostSnapshot s, Facts facts) {
        List<ContainerInfo> looping = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        for (ContainerInfo c : ContainerHealth.containers(s)) {
            var why = ContainerHealth.loop(c, s);
            if (why.isEmpty()) continue;
            looping.add(c);
            evidence.add(new Evidence("daemon", ContainerHealth.label(c) + ": " + why.get() + facts(c, s)));
            List<String> tail = c.logTail().subList(Math.max(0, c.logTail().size() - LOG_LINES), c.logTail().size());
            for (String line : tail) evidence.add(new Evidence("docker logs " + ContainerHealth.name(c), line));
        }
        if (looping.isEmpty()) return List.of();
        String who = ContainerHealth.names(looping, 3);
        String title = looping.size() == 1 ? who + " is restarting in a loop"
                : looping.size() + " containers are restarting in a loop: " + who;
        String detail = (looping.size() == 1 ? "It starts, stops" : "They start, stop")
                + " within moments and Docker's restart policy starts " + (looping.size() == 1 ? "it" : "them")
                + " again, over and over: between two crashes " + (looping.size() == 1 ? "it looks" : "they look")
                + " \"up\", but " + (looping.size() == 1 ? "it serves" : "they serve") + " nothing. Restarting does"
                + " not help; the exit code and the last log lines below say why it stops (a missing file, a bad setting,"
                + " a database or volume that is not there, too little memory).";
        return List.of(new Finding(ID, Severity.CRITICAL, title, detail, evidence, List.of()));
    }

    private static String facts(ContainerInfo c, HostSnapshot s) {
        StringBuilder b = new StringBuilder();
        if (c.restartPolicy() != null) b.append("; restart policy ").append(c.restartPolicy());
        if (c.exitCode() != null && !c.isRunning()) {
            b.append("; last exit code ").append(c.exitCode()).append(" (").append(ContainerHealth.exitMeaning(c.exitCode())).append(')');
        }
        if (c.finishedAt() != null) b.append("; last stopped ").append(ContainerHealth.when(c.finishedAt(), s));
        if (c.startedAt() != null) b.append("; last started ").append(ContainerHealth.when(c.startedAt(), s));
        if (Boolean.TRUE.equals(c.oomKilled())) b.append("; OOMKilled");
        if (c.logTail().isEmpty()) b.append("; no log lines to show");
        return b.toString();
    }
}
