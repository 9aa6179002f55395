package dev.dockerdoctor.report;

import dev.dockerdoctor.diagnosis.facts.Bytes;
import dev.dockerdoctor.model.Change;
import dev.dockerdoctor.model.ComposeProblem;
import dev.dockerdoctor.model.ComposeProject;
import dev.dockerdoctor.model.ComposeService;
import dev.dockerdoctor.model.DaemonState;
import dev.dockerdoctor.model.DataRoot;
import dev.dockerdoctor.model.Diagnosis;
import dev.dockerdoctor.model.DiskUsage;
import dev.dockerdoctor.model.Evidence;
import dev.dockerdoctor.model.FileChange;
import dev.dockerdoctor.model.Finding;
import dev.dockerdoctor.model.LogEvent;
import dev.dockerdoctor.model.Step;
import dev.dockerdoctor.model.StepFamily;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** {@code diagnose}'s human report: verdict first, then facts, findings, timeline, compose, plan. Pure. */
public final class TextReport {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMM dd HH:mm:ss", java.util.Locale.ROOT);
    /** The timeline shows at most this many lines; runs of the same kind are folded first. */
    static final int TIMELINE_LINES = 40;

    private TextReport() {
    }

    public static String render(Diagnosis d) {
        StringBuilder b = new StringBuilder();
        b.append(Summary.verdict(d)).append("\n\n");

        DaemonState s = d.snapshot().daemon();
        b.append("Daemon\n");
        if (s.reachable()) {
            b.append("  Docker ").append(s.serverVersion()).append(", root ").append(s.dockerRootDir())
                    .append(", driver ").append(s.storageDriver()).append(s.containerdStore() ? ", containerd image store" : "").append('\n')
                    .append("  ").append(s.containers()).append(" containers (").append(s.running()).append(" running), ")
                    .append(s.images()).append(" images, live-restore ").append(Boolean.TRUE.equals(s.liveRestoreEnabled()) ? "on" : "off").append('\n');
            DiskUsage du = d.snapshot().diskUsage();
            if (du != null) {
                b.append("  disk: images ").append(Bytes.human(du.images().bytes())).append(", containers ")
                        .append(Bytes.human(du.containers().bytes())).append(", volumes ").append(Bytes.human(du.volumes().bytes()))
                        .append(", build cache ").append(Bytes.human(du.buildCache().bytes())).append("; reclaimable ")
                        .append(Bytes.human(du.prunable().stream().mapToLong(DiskUsage.Category::reclaimableBytes).sum()))
                        .append(" (volumes never)\n");
            }
        } else {
            b.append("  not reachable: ").append(s.error()).append('\n');
        }
        if (d.snapshot().config().daemonJsonError() != null) {
            b.append("  ").append(d.snapshot().config().daemonJsonPath()).append(' ')
                    .append(d.snapshot().config().daemonJsonError()).append('\n');
        }

        b.append("\nData roots on disk\n");
        if (d.snapshot().dataRoots().isEmpty()) b.append("  none found\n");
        for (DataRoot r : d.snapshot().dataRoots()) {
            b.append(r.active() ? "  * " : "    ").append(r.path()).append(": ").append(r.containers()).append(" containers, ")
                    .append(r.images()).append(" images, ")
                    .append(r.containerdImages() > 0 ? r.containerdImages() + " images in containerd's store, " : "")
                    .append(r.volumes()).append(" volumes");
            if (!r.composeProjects().isEmpty()) b.append(", projects ").append(String.join(", ", r.composeProjects()));
            if (r.freeBytes() != null) b.append(", ").append(Bytes.human(r.freeBytes())).append(" free");
            b.append(r.active() ? "  (in use)" : "").append('\n');
        }
        if (!d.snapshot().dataRootSearchUnfinished().isEmpty()) {
            b.append("  the search stopped on its budget before finishing ")
                    .append(String.join(", ", d.snapshot().dataRootSearchUnfinished()))
                    .append(": a root there may not be listed\n");
        }

        b.append("\nFindings\n");
        if (d.findings().isEmpty()) b.append("  none: nothing looks wrong\n");
        for (Finding f : d.findings()) {
            b.append("  [").append(f.severity().wire()).append("] ").append(f.id()).append(": ").append(f.title()).append('\n');
            b.append(indent(f.detail(), "      ")).append('\n');
            for (Evidence e : f.evidence()) b.append("      - ").append(e.source()).append(": ").append(e.text()).append('\n');
        }

        List<String> timeline = timeline(d.snapshot().events(), d.snapshot().zone(), d.snapshot().takenAt());
        if (!timeline.isEmpty()) {
            b.append("\nTimeline (").append(d.snapshot().events().size()).append(" events since ")
                    .append(TIME.format(d.snapshot().since().atZone(d.snapshot().zone()))).append(")\n");
            timeline.forEach(l -> b.append("  ").append(l).append('\n'));
        }

        if (!d.snapshot().compose().isEmpty() || !d.snapshot().composeProblems().isEmpty()) {
            b.append("\nCompose projects\n");
            for (ComposeProject p : d.snapshot().compose()) {
                b.append("  ").append(p.name()).append(" (").append(String.join(", ", p.files())).append(")")
                        .append(p.foundBy() == null ? "" : ", found by " + p.foundBy()).append('\n');
                for (ComposeService sv : p.services()) {
                    b.append("      ").append(sv.name()).append(": ").append(sv.state() == null ? "unknown (no daemon)" : sv.state().wire())
                            .append(sv.image() == null ? "" : "  [" + sv.image() + "]").append('\n');
                }
            }
            for (ComposeProject p : d.snapshot().compose()) {
                p.warnings().forEach(w -> b.append("  ~ ").append(p.name()).append(": ").append(w).append('\n'));
            }
            for (ComposeProblem p : d.snapshot().composeProblems()) {
                b.append("  ! ").append(p.file()).append(p.line() == null ? "" : ":" + p.line()).append(": ").append(p.message()).append('\n');
            }
        }

        b.append("\nPlan\n");
        if (d.plan().isEmpty()) b.append("  nothing to do\n");
        int i = 1;
        for (Step st : d.plan()) {
            b.append("  ").append(i++).append(". ").append(st.title()).append("  [").append(st.id()).append("]\n");
            b.append(indent(st.detail(), "       ")).append('\n');
            for (FileChange c : st.changes()) {
                b.append("       edit ").append(c.file()).append(": ").append(c.key()).append(' ')
                        .append(c.from() == null ? "(absent)" : c.from()).append(" -> ").append(c.to() == null ? "(removed)" : c.to()).append('\n');
            }
            for (String c : st.commands()) b.append("       $ ").append(c).append('\n');
            if (st.warning() != null) b.append("       Warning: ").append(st.warning()).append('\n');
        }
        if (d.findings().stream().anyMatch(f -> f.steps().contains(StepFamily.RESTORE_DATA_ROOT.id()))) {
            b.append("\n  Do not run `docker compose up` before the data root is back: on the empty root it would"
                    + " create new, empty volumes and pull every image again.\n");
        }

        if (!d.changes().isEmpty()) {
            b.append("\nChanged since the last known good state\n");
            for (Change c : d.changes()) {
                b.append("  ").append(c.source()).append(": ").append(c.key()).append(" was ")
                        .append(c.oldValue() == null ? "(absent)" : c.oldValue()).append(", now ")
                        .append(c.newValue() == null ? "(absent)" : c.newValue()).append('\n');
            }
        }
        if (!d.snapshot().logStats().problems().isEmpty()) {
            b.append("\nLogs skipped\n");
            d.snapshot().logStats().problems().forEach(p -> b.append("  ").append(p).append('\n'));
        }
        return b.toString();
    }

    /** The shared {@link Timeline}, its latest lines when it is long. */
    static List<String> timeline(List<LogEvent> events, ZoneId zone, Instant now) {
        List<String> lines = Timeline.lines(events, zone, now);
        if (lines.size() <= TIMELINE_LINES) return lines;
        int cut = lines.size() - TIMELINE_LINES;
        List<String> out = new ArrayList<>(lines.subList(cut, lines.size()));
        out.add(0, "... " + cut + " earlier lines");
        return out;
    }

    private static String indent(String text, String prefix) {
        return prefix + (text == null ? "" : text.replace("\n", "\n" + prefix));
    }
}
