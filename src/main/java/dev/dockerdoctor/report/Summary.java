package dev.dockerdoctor.report;

import dev.dockerdoctor.model.DaemonState;
import dev.dockerdoctor.model.Diagnosis;
import dev.dockerdoctor.model.Finding;
import dev.dockerdoctor.model.Severity;

/** The one line a person reads first, the same in the terminal, the JSON and Slack. */
public final class Summary {
    private Summary() {
    }

    /** How bad the host is, in one word: the worst finding's severity ({@code critical}, {@code warning}) or {@code ok}. */
    public static String level(Diagnosis d) {
        Finding top = d.findings().isEmpty() ? null : d.findings().get(0);
        return top != null && top.severity().isProblem() ? top.severity().wire() : "ok";
    }

    public static String verdict(Diagnosis d) {
        Finding top = d.findings().isEmpty() ? null : d.findings().get(0);
        if (top != null && top.severity() != Severity.INFO) {
            long more = d.findings().stream().filter(f -> f.severity().isProblem()).count() - 1;
            return top.severity().wire().toUpperCase(java.util.Locale.ROOT) + ": " + top.title()
                    + (more > 0 ? " (+" + more + " more)" : "");
        }
        DaemonState s = d.snapshot().daemon();
        if (!s.reachable()) return top != null ? top.title() : "No Docker daemon answers";
        return "Healthy: Docker " + s.serverVersion() + " on " + s.dockerRootDir() + ", " + s.containers()
                + " containers (" + s.running() + " running), " + s.images() + " images";
    }
}
