package dev.dockerdoctor.slack.message;

import dev.dockerdoctor.diagnosis.facts.Bytes;
import dev.dockerdoctor.diagnosis.rules.DataRootDriftRule;
import dev.dockerdoctor.diagnosis.rules.DockerRestartedByUpgradeRule;
import dev.dockerdoctor.diagnosis.rules.FindingTrait;
import dev.dockerdoctor.diagnosis.rules.RootVerdict;
import dev.dockerdoctor.diagnosis.rules.Rules;
import dev.dockerdoctor.model.Change;
import dev.dockerdoctor.model.ComposeProblem;
import dev.dockerdoctor.model.ComposeProject;
import dev.dockerdoctor.model.DaemonState;
import dev.dockerdoctor.model.DataRoot;
import dev.dockerdoctor.model.Diagnosis;
import dev.dockerdoctor.model.Evidence;
import dev.dockerdoctor.model.Finding;
import dev.dockerdoctor.model.LogEvent;
import dev.dockerdoctor.model.LogStats;
import dev.dockerdoctor.model.RootSetting;
import dev.dockerdoctor.model.Severity;
import dev.dockerdoctor.model.Step;
import dev.dockerdoctor.model.StepFamily;
import dev.dockerdoctor.model.StepId;
import dev.dockerdoctor.slack.message.Part.Button;
import dev.dockerdoctor.slack.message.Part.Buttons;
import dev.dockerdoctor.slack.message.Part.Code;
import dev.dockerdoctor.slack.message.Part.Divider;
import dev.dockerdoctor.slack.message.Part.Fields;
import dev.dockerdoctor.slack.message.Part.Header;
import dev.dockerdoctor.slack.message.Part.Note;
import dev.dockerdoctor.slack.message.Part.Style;
import dev.dockerdoctor.slack.message.Part.Text;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static dev.dockerdoctor.slack.message.Mrkdwn.bold;
import static dev.dockerdoctor.slack.message.Mrkdwn.code;
import static dev.dockerdoctor.slack.message.Mrkdwn.esc;

/**
 * Every message the bot sends about a host, as platform-neutral {@link Message}s. Pure: a diagnosis and a
 * {@link ViewContext} in, a message out. Each view budgets its content (so many findings, steps, lines) and says
 * "... and N more" for the rest, so that it stays inside Slack's 50 blocks on any host; the renderer only guards.
 */
public final class ReportViews {
    public static final String UI_REFRESH = "ui:refresh";
    public static final String UI_TIMELINE = "ui:show-timeline";

    static final int MAX_FINDINGS = 8;
    static final int MAX_EVIDENCE = 4;
    static final int MAX_STEP_SECTIONS = 10;
    static final int MAX_TIMELINE_SHORT = 12;
    static final int MAX_TIMELINE_LONG = 200;
    static final int MAX_ROOTS = 10;
    static final int MAX_PROJECT_LINES = 60;

    /** Finding ids about where the data lives: the {@code root} view shows these. */
    static final Set<String> ROOT_FINDINGS = Rules.idsWith(FindingTrait.ROOT_VIEW);
    static final Set<String> COMPOSE_FINDINGS = Rules.idsWith(FindingTrait.COMPOSE_VIEW);

    private ReportViews() {
    }

    // ---------------------------------------------------------------- the report (/docker-status, share)

    /** The whole report: verdict, facts, findings with evidence, a short timeline, the plan with buttons. */
    public static Message report(Diagnosis d, ViewContext c) {
        List<Part> parts = new ArrayList<>();
        parts.add(new Header(headline(d, c)));
        parts.add(new Text(verdict(d)));
        parts.add(new Fields(facts(d)));
        changes(d).ifPresent(parts::add);
        parts.add(new Divider());
        parts.addAll(findings(d, d.findings(), MAX_FINDINGS));
        parts.addAll(timeline(d, d.snapshot().events(), MAX_TIMELINE_SHORT, true));
        parts.add(new Divider());
        parts.addAll(StepViews.plan(d, c, d.plan(), MAX_STEP_SECTIONS));
        parts.addAll(footer(d, c, true));
        return new Message(fallback(d, c), parts);
    }

    /** {@code root}: where the data root is, where the configuration says it should be, and what is on disk. */
    public static Message root(Diagnosis d, ViewContext c) {
        List<Part> parts = new ArrayList<>();
        parts.add(new Header("Data root on " + c.host()));
        DaemonState dm = d.snapshot().daemon();
        List<String> f = new ArrayList<>();
        f.add("*Live root*\n" + (dm.reachable() ? code(dm.dockerRootDir()) : "unknown: the daemon does not answer"));
        f.add("*Configuration names*\n" + d.snapshot().config().configuredRoot().map(Mrkdwn::code)
                .orElse(d.snapshot().config().effectiveConfiguredRoots().isEmpty()
                        ? "nothing: dockerd uses its default " + code("/var/lib/docker") : "more than one root"));
        if (dm.reachable()) f.add("*Storage driver*\n" + esc(orQ(dm.storageDriver())) + (dm.containerdStore() ? ", containerd image store" : ""));
        parts.add(new Fields(f));

        List<String> settings = new ArrayList<>();
        for (RootSetting r : d.snapshot().config().rootSettings()) {
            settings.add("• " + code(r.file()) + " " + esc(r.kind().label()) + ": " + code(r.key()) + " = "
                    + code(r.value()) + (r.effective() ? "" : " _(not honoured)_"));
        }
        if (settings.isEmpty()) settings.add("• nowhere: no data-root in daemon.json, no flag in the docker.service units");
        parts.addAll(Clip.paragraphs("*Where the root is set*", Clip.list(settings, MAX_ROOTS, "places")));

        List<String> roots = new ArrayList<>();
        for (DataRoot r : d.snapshot().dataRoots()) {
            String projects = r.composeProjects().isEmpty() ? ""
                    : "; projects " + esc(String.join(", ", Clip.list(r.composeProjects(), 5, "")));
            String free = r.freeBytes() == null ? "" : "; " + Bytes.human(r.freeBytes()) + " free";
            roots.add("• " + code(r.path()) + (r.active() ? " *(live)*" : "") + ": " + Readings.rootCounts(r) + projects + free);
        }
        if (roots.isEmpty()) roots.add("• none found");
        if (!d.snapshot().dataRootSearchUnfinished().isEmpty()) {
            roots.add(":warning: the search stopped on its budget before finishing "
                    + esc(String.join(", ", Clip.list(d.snapshot().dataRootSearchUnfinished(), 5, "places")))
                    + ": a root there may not be listed");
        }
        parts.addAll(Clip.paragraphs("*Data roots on disk*", Clip.list(roots, MAX_ROOTS, "roots")));
        changes(d).ifPresent(parts::add);

        List<Finding> rootFindings = d.findings().stream().filter(x -> ROOT_FINDINGS.contains(x.id())).toList();
        if (!rootFindings.isEmpty()) {
            parts.add(new Divider());
            parts.addAll(findings(d, rootFindings, 5));
        }
        List<Step> steps = d.plan().stream().filter(StepViews::putsRootRight).toList();
        if (!steps.isEmpty()) {
            parts.add(new Divider());
            parts.addAll(StepViews.plan(d, c, steps, MAX_STEP_SECTIONS));
        }
        parts.addAll(footer(d, c, !steps.isEmpty()));
        return new Message("Data root on " + c.host() + ": " + (dm.reachable() ? dm.dockerRootDir() : "daemon not answering"), parts);
    }

    /** {@code logs [window]}: the whole timeline of the window, with what was read. */
    public static Message logs(Diagnosis d, ViewContext c, String window) {
        List<Part> parts = new ArrayList<>();
        String since = d.snapshot().since() == null ? "" : " since " + Readings.eventFormat(d, List.of())
                .format(d.snapshot().since().atZone(Readings.zone(d)));
        parts.add(new Header("Timeline on " + c.host() + (window == null ? "" : " (" + window + ")")));
        List<LogEvent> events = d.snapshot().events();
        if (events.isEmpty()) {
            parts.add(new Text("Nothing about Docker, containerd or upgrades in the logs" + esc(since) + "."));
        } else {
            parts.addAll(timeline(d, events, MAX_TIMELINE_LONG, false));
        }
        LogStats st = d.snapshot().logStats();
        if (st != null) {
            List<String> notes = new ArrayList<>();
            notes.add("Read " + Mrkdwn.count(st.filesRead(), "file", "files") + ", " + st.linesRead() + " lines"
                    + (st.linesSkipped() > 0 ? " (" + st.linesSkipped() + " skipped)" : "") + " in " + st.elapsedMillis() + " ms");
            Clip.list(st.problems(), 4, "problems").forEach(p -> notes.add(":warning: " + esc(p)));
            parts.add(new Note(notes));
        }
        List<Finding> upgrade = d.findings().stream().filter(f -> f.id().equals(DockerRestartedByUpgradeRule.ID)).toList();
        if (!upgrade.isEmpty()) parts.addAll(findings(d, upgrade, 1));
        parts.addAll(footer(d, c, false));
        return new Message("Timeline on " + c.host() + ": " + Mrkdwn.count(events.size(), "event", "events") + since, parts);
    }

    /** {@code compose}: every project found, each service held against the daemon. */
    public static Message compose(Diagnosis d, ViewContext c) {
        List<Part> parts = new ArrayList<>();
        List<ComposeProject> projects = d.snapshot().compose();
        long down = projects.stream().filter(p -> !Readings.projectHealthy(p)).count();
        parts.add(new Header("Compose projects on " + c.host()));
        List<String> lines = new ArrayList<>();
        // the ones that need attention first
        List<ComposeProject> ordered = new ArrayList<>(projects);
        ordered.sort((a, b) -> Boolean.compare(Readings.projectHealthy(a), Readings.projectHealthy(b)));
        for (ComposeProject p : ordered) {
            String file = p.files().isEmpty() ? "" : "  " + code(p.files().get(0))
                    + (p.files().size() > 1 ? " +" + (p.files().size() - 1) : "");
            lines.add((Readings.projectHealthy(p) ? ":large_green_circle: " : ":red_circle: ") + bold(p.name()) + ": "
                    + esc(Readings.projectSummary(p)) + file);
        }
        for (ComposeProblem pr : d.snapshot().composeProblems()) {
            lines.add(":warning: " + code(pr.file()) + (pr.line() == null ? "" : " line " + pr.line()) + ": " + esc(pr.message()));
        }
        if (lines.isEmpty()) lines.add("No compose projects found (looked in the configured folders, common places"
                + " and the compose labels of containers).");
        String summary = projects.isEmpty() ? "" : "*" + projects.size() + " projects*, " + down + " with services down";
        parts.addAll(Clip.paragraphs(summary, Clip.list(lines, MAX_PROJECT_LINES, "projects"), 300));

        List<Finding> composeFindings = d.findings().stream().filter(x -> COMPOSE_FINDINGS.contains(x.id())).toList();
        if (!composeFindings.isEmpty()) {
            parts.add(new Divider());
            parts.addAll(findings(d, composeFindings, 4));
        }
        List<Step> ups = d.plan().stream().filter(s -> StepId.familyPart(s.id()).equals(StepFamily.COMPOSE_UP.id())).toList();
        if (RootVerdict.rootNotRight(d)) {
            parts.add(new Text(StepViews.composeWarning(d, null)));
        } else if (!ups.isEmpty()) {
            parts.add(new Divider());
            parts.addAll(StepViews.plan(d, c, ups, 5));
        }
        parts.addAll(footer(d, c, !ups.isEmpty()));
        return new Message("Compose projects on " + c.host() + ": " + projects.size() + " found, " + down + " with services down", parts);
    }

    /** {@code plan}: the steps in order, each with its button. */
    public static Message plan(Diagnosis d, ViewContext c) {
        List<Part> parts = new ArrayList<>();
        parts.add(new Header("Plan for " + c.host()));
        parts.addAll(StepViews.plan(d, c, d.plan(), 20));
        parts.addAll(footer(d, c, true));
        return new Message("Plan for " + c.host() + ": " + Mrkdwn.count(d.plan().size(), "step", "steps"), parts);
    }

    // ---------------------------------------------------------------- short answers

    public static Message help(String note) {
        List<Part> parts = new ArrayList<>();
        if (note != null) parts.add(new Text(":grey_question: " + note));
        parts.add(new Text("*" + ViewContext.COMMAND + "* checks this Docker host and says what is wrong, why, and what to do."));
        parts.add(new Text(String.join("\n", Subcommand.helpLines(ViewContext.COMMAND))));
        parts.add(Note.of("Step buttons ask before they do anything. On the host, " + code("docker-doctor diagnose")
                + " prints the same report."));
        return new Message((note == null ? "" : note + " ") + Subcommand.usage(ViewContext.COMMAND), parts);
    }

    public static Message unknownReport(String reportId) {
        return new Message("That report is gone: run " + ViewContext.COMMAND + " again", List.of(new Text(
                ":hourglass: That button belongs to report " + code(reportId) + ", which I no longer have (the bot"
                        + " restarted, or newer reports replaced it). Run " + code(ViewContext.COMMAND) + " for a fresh one.")));
    }

    public static Message failed() {
        return new Message("I could not check the host this time", List.of(new Text(
                ":warning: I could not check the host this time. The bot's log says why; " + code("docker-doctor diagnose")
                        + " on the host runs the same check.")));
    }

    public static Message busy() {
        return new Message("Busy with other checks: try again in a moment", List.of(new Text(
                ":hourglass_flowing_sand: I am busy with other checks; try again in a moment.")));
    }

    // ---------------------------------------------------------------- pieces

    static String headline(Diagnosis d, ViewContext c) {
        if (d.hasProblems()) {
            Severity worst = d.findings().get(0).severity();
            return Readings.emoji(worst) + " Docker on " + c.host() + ": " + Readings.problemCounts(d);
        }
        long advice = d.findings().stream().filter(f -> f.severity() == Severity.INFO).count();
        return ":large_green_circle: Docker on " + c.host() + " is healthy"
                + (advice > 0 ? " (" + Mrkdwn.count(advice, "piece of advice", "pieces of advice") + ")" : "");
    }

    /** The one line a person reads first. */
    static String verdict(Diagnosis d) {
        DaemonState dm = d.snapshot().daemon();
        if (d.hasProblems()) {
            Finding top = d.findings().get(0);
            String first = d.plan().isEmpty() ? "" : "\n*Fix:* " + esc(d.plan().get(0).title())
                    + (RootVerdict.rootNotRight(d)
                    ? " first; " + code("docker compose up") + " before that would start empty services." : ".");
            return bold(top.title()) + first;
        }
        if (!dm.reachable()) return "The Docker daemon does not answer, and nothing says it should be running.";
        return "Docker " + esc(orQ(dm.serverVersion())) + " runs on " + code(dm.dockerRootDir()) + " with "
                + Mrkdwn.count(nz(dm.containers()), "container", "containers") + " (" + nz(dm.running()) + " running).";
    }

    static List<String> facts(Diagnosis d) {
        DaemonState dm = d.snapshot().daemon();
        List<String> f = new ArrayList<>();
        f.add("*Daemon*\n" + (dm.reachable()
                ? ":large_green_circle: running, " + esc(orQ(dm.serverVersion()))
                : ":red_circle: not answering" + (dm.error() == null ? "" : "\n" + Clip.text(esc(dm.error()), 300))));
        boolean drift = d.has(DataRootDriftRule.ID);
        Optional<String> configured = d.snapshot().config().configuredRoot();
        if (dm.reachable()) {
            String live = code(dm.dockerRootDir()) + " (" + Mrkdwn.count(nz(dm.containers()), "container", "containers") + ")";
            String expected = configured.filter(x -> !x.equals(dm.dockerRootDir())).map(x -> ", configured " + code(x)).orElse("");
            f.add("*Live data root*\n" + (drift ? ":red_circle: " : "") + live + expected);
        } else {
            f.add("*Configured data root*\n" + configured.map(Mrkdwn::code).orElse("default " + code("/var/lib/docker")));
        }
        List<DataRoot> others = Readings.otherRoots(d);
        if (!others.isEmpty()) {
            List<String> lines = others.stream().map(r -> code(r.path()) + ": " + Readings.rootCounts(r)).toList();
            f.add("*" + (dm.reachable() ? "Orphaned data root" + (others.size() > 1 ? "s" : "") : "Data roots on disk") + "*\n"
                    + String.join("\n", Clip.list(lines, 3, "roots")));
        }
        if (dm.reachable()) {
            f.add("*Containers*\n" + nz(dm.running()) + " running of " + nz(dm.containers()) + ", "
                    + Mrkdwn.count(nz(dm.images()), "image", "images"));
            f.add("*Storage driver*\n" + esc(orQ(dm.storageDriver())) + (dm.containerdStore() ? ", containerd image store" : "")
                    + (Boolean.TRUE.equals(dm.liveRestoreEnabled()) ? ", live-restore on" : ""));
        }
        List<String> disk = new ArrayList<>();
        for (DataRoot r : d.snapshot().dataRoots()) {
            if (r.freeBytes() != null && (r.active() || others.contains(r))) {
                disk.add(code(r.path()) + " " + Bytes.human(r.freeBytes()) + " free");
            }
        }
        if (!disk.isEmpty()) f.add("*Disk*\n" + String.join("\n", Clip.list(disk, 3, "")));
        List<ComposeProject> projects = d.snapshot().compose();
        if (!projects.isEmpty()) {
            List<String> down = projects.stream().filter(p -> !Readings.projectHealthy(p))
                    .map(p -> esc(p.name()) + ": " + esc(Readings.projectSummary(p))).toList();
            f.add("*Compose projects*\n" + (down.isEmpty() ? "all " + projects.size() + " up"
                    : String.join("\n", Clip.list(down, 4, "projects down")) + (down.size() < projects.size()
                    ? "\n" + (projects.size() - down.size()) + " up" : "")));
        }
        Readings.lastStart(d).ifPresent(s -> f.add("*Last Docker start*\n" + esc(s)));
        return f;
    }

    /** What differs from the last known good, when the state folder remembers one. */
    static Optional<Part> changes(Diagnosis d) {
        if (d.changes().isEmpty()) return Optional.empty();
        List<String> lines = new ArrayList<>();
        for (Change ch : d.changes()) {
            lines.add(code(ch.source()) + " " + code(ch.key()) + ": " + (ch.oldValue() == null ? "_absent_" : code(ch.oldValue()))
                    + " → " + (ch.newValue() == null ? "_gone_" : code(ch.newValue())));
        }
        return Optional.of(new Text(Clip.text("*Changed since the last good check*\n"
                + String.join("\n", Clip.list(lines, 8, "changes")), Clip.TEXT_BUDGET)));
    }

    /** Findings by severity (they come sorted), each with its evidence; the rest counted. */
    static List<Part> findings(Diagnosis d, List<Finding> list, int max) {
        List<Part> out = new ArrayList<>();
        if (list.isEmpty()) {
            out.add(new Text(":large_green_circle: Nothing wrong found."));
            return out;
        }
        int shown = list.size() <= max ? list.size() : max - 1;
        for (Finding f : list.subList(0, shown)) {
            out.add(new Text(Readings.emoji(f.severity()) + " " + bold(f.title()) + " " + code(f.id())
                    + (f.detail() == null || f.detail().isBlank() ? "" : "\n" + Clip.text(esc(f.detail()), Clip.MAX_DETAIL))));
            List<String> ev = new ArrayList<>();
            for (Evidence e : f.evidence()) ev.add(code(e.source()) + " " + Clip.text(esc(e.text()), 300));
            if (!ev.isEmpty()) {
                out.add(new Note(List.of(Clip.text("Evidence: " + String.join("\n", Clip.list(ev, MAX_EVIDENCE, "")),
                        Clip.TEXT_BUDGET))));
            }
        }
        if (shown < list.size()) {
            List<String> rest = list.subList(shown, list.size()).stream().map(f -> code(f.id())).toList();
            out.add(Note.of(Clip.more(list.size() - shown, "findings") + ": " + String.join(", ", Clip.list(rest, 20, ""))
                    + ". " + code("docker-doctor diagnose") + " on the host lists them all."));
        }
        return out;
    }

    static List<Part> timeline(Diagnosis d, List<LogEvent> events, int max, boolean withButtonHint) {
        if (events.isEmpty()) return List.of();
        List<String> lines = Readings.timeline(d, events);
        List<Part> out = new ArrayList<>();
        // the latest lines, as many as the count and the characters allow (long lines cost more blocks)
        int from = lines.size();
        int chars = 0;
        while (from > 0 && lines.size() - from < max) {
            int len = Math.min(lines.get(from - 1).length(), 300) + 1;
            if (chars + len > max * 60 + 600) break;
            chars += len;
            from--;
        }
        List<String> shown = lines.subList(from, lines.size());
        out.add(new Code("*Timeline* (" + Readings.zoneName(d) + ")", shown));
        List<String> notes = new ArrayList<>();
        if (shown.size() < lines.size()) {
            notes.add(Clip.more(lines.size() - shown.size(), "earlier events")
                    + (withButtonHint ? ": " + code(ViewContext.COMMAND + " logs") + " shows them all" : ""));
        }
        List<String> sources = Readings.sources(events).stream().map(Mrkdwn::code).toList();
        notes.add("From " + String.join(", ", Clip.list(sources, 6, "sources")) + ".");
        out.add(new Note(notes));
        return out;
    }

    static List<Part> footer(Diagnosis d, ViewContext c, boolean withSteps) {
        List<Part> out = new ArrayList<>();
        if (withSteps && !d.plan().isEmpty()) out.add(Note.of(StepViews.whoMayRun(c)));
        out.add(new Buttons(List.of(
                new Button(UI_REFRESH, "Check again", ButtonRef.ofReport(c.reportId()).encode(), Style.DEFAULT, null),
                new Button(UI_TIMELINE, "Show timeline", ButtonRef.ofReport(c.reportId()).encode(), Style.DEFAULT, null))));
        String shared = c.sharedBy() == null ? "" : "Shared by " + Mrkdwn.user(c.sharedBy()) + " · ";
        out.add(Note.of(shared + "Checked " + Readings.time(d, d.snapshot().takenAt()) + " " + Readings.zoneName(d)
                + " · report " + code(c.reportId()) + " · " + code(ViewContext.COMMAND + " help") + " for more"));
        return out;
    }

    static String fallback(Diagnosis d, ViewContext c) {
        String head = headline(d, c).replaceFirst("^:[a-z_]+: ", "");
        String first = d.hasProblems() ? ": " + d.findings().get(0).title() : "";
        return esc(head + first);
    }

    private static String orQ(String s) {
        return s == null || s.isBlank() ? "?" : s;
    }

    private static int nz(Integer n) {
        return n == null ? 0 : n;
    }
}
