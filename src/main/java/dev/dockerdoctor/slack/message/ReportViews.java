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
import dev.dockerdoctor.model.FileChange;
import dev.dockerdoctor.model.Finding;
import dev.dockerdoctor.model.LogEvent;
import dev.dockerdoctor.model.LogStats;
import dev.dockerdoctor.model.RootSetting;
import dev.dockerdoctor.model.Severity;
import dev.dockerdoctor.model.Step;
import dev.dockerdoctor.model.StepFamily.Effect;
import dev.dockerdoctor.model.StepFamily;
import dev.dockerdoctor.model.StepId;
import dev.dockerdoctor.slack.message.Part.Button;
import dev.dockerdoctor.slack.message.Part.Buttons;
import dev.dockerdoctor.slack.message.Part.Code;
import dev.dockerdoctor.slack.message.Part.Confirm;
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
    public static final String COMMAND = "/docker-status";
    public static final String UI_REFRESH = "ui:refresh";
    public static final String UI_TIMELINE = "ui:show-timeline";

    static final int MAX_FINDINGS = 8;
    static final int MAX_EVIDENCE = 4;
    static final int MAX_DETAIL = 900;
    static final int MAX_STEP_SECTIONS = 10;
    static final int MAX_EXTRA_STEP_BUTTONS = 50;
    static final int MAX_TIMELINE_SHORT = 12;
    static final int MAX_TIMELINE_LONG = 200;
    static final int MAX_ROOTS = 10;
    static final int MAX_PROJECT_LINES = 60;
    static final int TEXT_BUDGET = 2900;

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
        parts.addAll(plan(d, c, d.plan(), MAX_STEP_SECTIONS));
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
        if (dm.reachable()) f.add("*Storage driver*\n" + esc(orQ(dm.storageDriver())));
        parts.add(new Fields(f));

        List<String> settings = new ArrayList<>();
        for (RootSetting r : d.snapshot().config().rootSettings()) {
            settings.add("• " + code(r.file()) + " " + esc(r.kind().label()) + ": " + code(r.key()) + " = "
                    + code(r.value()) + (r.effective() ? "" : " _(not honoured)_"));
        }
        if (settings.isEmpty()) settings.add("• nowhere: no data-root in daemon.json, no flag in the docker.service units");
        parts.addAll(paragraphs("*Where the root is set*", Clip.list(settings, MAX_ROOTS, "places")));

        List<String> roots = new ArrayList<>();
        for (DataRoot r : d.snapshot().dataRoots()) {
            String projects = r.composeProjects().isEmpty() ? ""
                    : "; projects " + esc(String.join(", ", Clip.list(r.composeProjects(), 5, "")));
            String free = r.freeBytes() == null ? "" : "; " + Bytes.human(r.freeBytes()) + " free";
            roots.add("• " + code(r.path()) + (r.active() ? " *(live)*" : "") + ": " + Readings.rootCounts(r) + projects + free);
        }
        if (roots.isEmpty()) roots.add("• none found");
        parts.addAll(paragraphs("*Data roots on disk*", Clip.list(roots, MAX_ROOTS, "roots")));
        changes(d).ifPresent(parts::add);

        List<Finding> rootFindings = d.findings().stream().filter(x -> ROOT_FINDINGS.contains(x.id())).toList();
        if (!rootFindings.isEmpty()) {
            parts.add(new Divider());
            parts.addAll(findings(d, rootFindings, 5));
        }
        List<Step> steps = d.plan().stream().filter(ReportViews::putsRootRight).toList();
        if (!steps.isEmpty()) {
            parts.add(new Divider());
            parts.addAll(plan(d, c, steps, MAX_STEP_SECTIONS));
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
        parts.addAll(paragraphs(summary, Clip.list(lines, MAX_PROJECT_LINES, "projects"), 300));

        List<Finding> composeFindings = d.findings().stream().filter(x -> COMPOSE_FINDINGS.contains(x.id())).toList();
        if (!composeFindings.isEmpty()) {
            parts.add(new Divider());
            parts.addAll(findings(d, composeFindings, 4));
        }
        List<Step> ups = d.plan().stream().filter(s -> StepId.familyPart(s.id()).equals(StepFamily.COMPOSE_UP.id())).toList();
        if (RootVerdict.rootNotRight(d)) {
            parts.add(new Text(composeWarning(d, null)));
        } else if (!ups.isEmpty()) {
            parts.add(new Divider());
            parts.addAll(plan(d, c, ups, 5));
        }
        parts.addAll(footer(d, c, !ups.isEmpty()));
        return new Message("Compose projects on " + c.host() + ": " + projects.size() + " found, " + down + " with services down", parts);
    }

    /** {@code plan}: the steps in order, each with its button. */
    public static Message plan(Diagnosis d, ViewContext c) {
        List<Part> parts = new ArrayList<>();
        parts.add(new Header("Plan for " + c.host()));
        parts.addAll(plan(d, c, d.plan(), 20));
        parts.addAll(footer(d, c, true));
        return new Message("Plan for " + c.host() + ": " + Mrkdwn.count(d.plan().size(), "step", "steps"), parts);
    }

    /** What a step would do, for the person who clicked its button (and nobody else). */
    public static Message stepPreview(Diagnosis d, Step step, ViewContext c, String userId) {
        List<Part> parts = new ArrayList<>();
        int n = d.plan().indexOf(step) + 1;
        parts.add(new Text(bold((n > 0 ? n + ". " : "") + step.title()) + " " + code(step.id())
                + (step.detail() == null ? "" : "\n" + Clip.text(esc(step.detail()), MAX_DETAIL))));
        List<String> changes = new ArrayList<>();
        for (FileChange fc : step.changes()) {
            changes.add("• " + code(fc.file()) + ": " + code(fc.key()) + " "
                    + (fc.from() == null ? "_absent_" : code(fc.from())) + " → "
                    + (fc.to() == null ? "_removed_" : code(fc.to())));
        }
        parts.addAll(paragraphs("*Would change*", changes.isEmpty() ? List.of("_no files_") : Clip.list(changes, 20, "changes")));
        if (step.commands().isEmpty()) parts.add(new Text("*Would run*\n_no commands_"));
        else parts.add(new Code("*Would run*", Clip.list(step.commands(), 40, "commands")));
        if (step.warning() != null) parts.add(new Text(":warning: " + esc(step.warning())));
        String who;
        if (c.stepsRunnable() && c.isAdmin(userId)) who = "Nothing was run.";
        else if (c.isAdmin(userId)) who = "Nothing was run: steps do not run from Slack yet.";
        else who = "Nothing was run: you are not in DOCTOR_ADMINS, so buttons show what a step would do.";
        parts.add(Note.of(who + " Only you can see this. Report " + code(c.reportId()) + "."));
        return new Message("Step " + step.id() + " would: " + oneLine(step.detail() == null ? step.title() : step.detail()), parts);
    }

    /** Said in the channel when an admin's click starts a step: everyone sees who runs what. */
    public static Message stepStarted(Step step, String userId, ViewContext c) {
        String line = ":arrow_forward: <@" + esc(userId) + "> runs " + bold(esc(step.title())) + " " + code(step.id()) + "...";
        return new Message(step.id() + " started by " + userId, List.of(new Text(line),
                Note.of("Report " + code(c.reportId()) + ". The result follows here.")));
    }

    /** The result of a step: what happened, the output's end, and the fresh verdict of the host. */
    public static Message stepOutcome(dev.dockerdoctor.recovery.StepOutcome o, ViewContext c) {
        String icon = switch (o.status()) {
            case DONE -> ":white_check_mark:";
            case FAILED -> ":x:";
            case BUSY -> ":hourglass_flowing_sand:";
            case NOT_NEEDED -> ":information_source:";
            case NOT_ALLOWED, REFUSED -> ":no_entry:";
        };
        List<Part> parts = new ArrayList<>();
        parts.add(new Text(icon + " " + code(o.stepId()) + " (" + esc(o.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
                + ", <@" + esc(o.user()) + ">): " + Clip.text(esc(o.summary()), MAX_DETAIL)));
        if (!o.lines().isEmpty()) parts.add(new Code("*Output*", Clip.list(o.lines(), 40, "lines")));
        if (o.after() != null) {
            parts.add(new Text("*Now:* " + esc(dev.dockerdoctor.report.Summary.verdict(o.after()))));
        }
        parts.add(Note.of("Report " + code(c.reportId()) + ". Every run is written to the audit log."));
        return new Message(o.stepId() + ": " + o.status().name().toLowerCase(java.util.Locale.ROOT) + ": " + oneLine(o.summary()), parts);
    }

    // ---------------------------------------------------------------- short answers

    public static Message help(String note) {
        List<Part> parts = new ArrayList<>();
        if (note != null) parts.add(new Text(":grey_question: " + note));
        parts.add(new Text("*" + COMMAND + "* checks this Docker host and says what is wrong, why, and what to do."));
        parts.add(new Text(String.join("\n", Subcommand.helpLines(COMMAND))));
        parts.add(Note.of("Step buttons ask before they do anything. On the host, " + code("docker-doctor diagnose")
                + " prints the same report."));
        return new Message((note == null ? "" : note + " ") + Subcommand.usage(COMMAND), parts);
    }

    public static Message unknownReport(String reportId) {
        return new Message("That report is gone: run " + COMMAND + " again", List.of(new Text(
                ":hourglass: That button belongs to report " + code(reportId) + ", which I no longer have (the bot"
                        + " restarted, or newer reports replaced it). Run " + code(COMMAND) + " for a fresh one.")));
    }

    public static Message unknownStep(String reportId, String stepId) {
        return new Message("That step is not in the report", List.of(new Text(
                ":grey_question: Report " + code(reportId) + " has no step " + code(stepId) + ". Run " + code(COMMAND)
                        + " for a fresh report.")));
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
            f.add("*Storage driver*\n" + esc(orQ(dm.storageDriver()))
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
                + String.join("\n", Clip.list(lines, 8, "changes")), TEXT_BUDGET)));
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
                    + (f.detail() == null || f.detail().isBlank() ? "" : "\n" + Clip.text(esc(f.detail()), MAX_DETAIL))));
            List<String> ev = new ArrayList<>();
            for (Evidence e : f.evidence()) ev.add(code(e.source()) + " " + Clip.text(esc(e.text()), 300));
            if (!ev.isEmpty()) {
                out.add(new Note(List.of(Clip.text("Evidence: " + String.join("\n", Clip.list(ev, MAX_EVIDENCE, "")),
                        TEXT_BUDGET))));
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
                    + (withButtonHint ? ": " + code(COMMAND + " logs") + " shows them all" : ""));
        }
        List<String> sources = Readings.sources(events).stream().map(Mrkdwn::code).toList();
        notes.add("From " + String.join(", ", Clip.list(sources, 6, "sources")) + ".");
        out.add(new Note(notes));
        return out;
    }

    /** The plan in order: the first steps as sections with a button each, further ones as buttons only. */
    static List<Part> plan(Diagnosis d, ViewContext c, List<Step> steps, int maxSections) {
        List<Part> out = new ArrayList<>();
        boolean rootNotRight = RootVerdict.rootNotRight(d);
        if (steps.isEmpty()) {
            out.add(new Text(d.hasProblems()
                    ? "*Plan:* no step can be offered as a button here; the findings above say what to do by hand."
                    : "*Plan:* nothing to do."));
            if (rootNotRight) out.add(new Text(composeWarning(d, null)));
            return out;
        }
        out.add(new Text(rootNotRight ? "*Plan:* first get Docker back on the right data root, then see what is still down."
                : "*Plan:* in this order."));
        if (rootNotRight) {
            Optional<Step> rootStep = d.plan().stream()
                    .filter(ReportViews::putsRootRight).findFirst();
            out.add(new Text(composeWarning(d, rootStep.map(s -> d.plan().indexOf(s) + 1).orElse(null))));
        }
        int sections = steps.size() <= maxSections ? steps.size() : maxSections - 1;
        for (Step s : steps.subList(0, sections)) {
            int n = d.plan().indexOf(s) + 1;
            out.add(new Text(bold(n + ". " + s.title()) + (s.detail() == null ? "" : "\n" + Clip.text(esc(s.detail()), 600)),
                    stepButton(d, c, s)));
        }
        List<Step> rest = steps.subList(sections, steps.size());
        if (!rest.isEmpty()) {
            List<Step> asButtons = rest.subList(0, Math.min(rest.size(), MAX_EXTRA_STEP_BUTTONS));
            out.add(new Buttons(asButtons.stream().map(s -> stepButton(d, c, s)).toList()));
            if (asButtons.size() < rest.size()) {
                out.add(Note.of(Clip.more(rest.size() - asButtons.size(), "steps") + ": " + code(COMMAND + " plan")
                        + " after the first ones, or " + code("docker-doctor diagnose") + " on the host."));
            }
        }
        return out;
    }

    /** The warning the product exists for: services must wait for the root. */
    static String composeWarning(Diagnosis d, Integer rootStep) {
        List<String> projects = Readings.otherRoots(d).stream().flatMap(r -> r.composeProjects().stream()).distinct().toList();
        String what = projects.isEmpty() ? "new, empty services"
                : "a brand-new, empty " + esc(Mrkdwn.and(Clip.list(projects, 3, "projects")));
        return "> :warning: Do not run " + code("docker compose up") + " "
                + (rootStep == null ? "until the data root is right" : "before step " + rootStep)
                + ": on the wrong root it would create " + what + " with fresh, empty volumes, and pull every image"
                + " onto that disk.";
    }

    static Button stepButton(Diagnosis d, ViewContext c, Step s) {
        boolean dangerous = StepId.has(s.id(), Effect.DANGEROUS);
        Style style = Style.DEFAULT;
        if (dangerous) style = Style.DANGER;
        else if (putsRootRight(s) && !d.plan().isEmpty() && d.plan().get(0).equals(s)) style = Style.PRIMARY;
        Confirm confirm = s.mutating() ? confirm(c, s, dangerous) : null;
        return new Button(StepId.actionId(s.id()), label(s), new ButtonRef(c.reportId(), s.id()).encode(), style, confirm);
    }

    /** Short button labels, like a person would write them: the family's own, or the title of an unknown step. */
    static String label(Step s) {
        return StepId.parse(s.id()).map(StepId::label).orElse(s.title());
    }

    /** The steps that put the root right (start, restart or re-mount under Docker): what the root view offers. */
    static boolean putsRootRight(Step s) {
        return StepId.has(s.id(), Effect.RESTARTS_DOCKER);
    }

    /** The dialog says what the step does: the files it changes, the commands it runs, the warning. */
    static Confirm confirm(ViewContext c, Step s, boolean dangerous) {
        List<String> what = new ArrayList<>();
        for (FileChange fc : s.changes()) {
            what.add(fc.to() == null ? "Removes " + fc.key() + " from " + fc.file() + "."
                    : "Sets " + fc.key() + " to " + fc.to() + " in " + fc.file() + ".");
        }
        if (!s.commands().isEmpty()) {
            what.add((what.isEmpty() ? "Runs: " : "Then runs: ") + String.join("; ", s.commands()) + ".");
        }
        if (s.warning() != null) what.add(s.warning());
        if (what.isEmpty()) what.add(s.title() + ".");
        boolean danger = s.warning() != null || dangerous;
        return new Confirm(label(s) + "?", String.join(" ", what), c.stepsRunnable() ? "Run it" : "Show what it does",
                "Cancel", danger);
    }

    static List<Part> footer(Diagnosis d, ViewContext c, boolean withSteps) {
        List<Part> out = new ArrayList<>();
        if (withSteps && !d.plan().isEmpty()) out.add(Note.of(whoMayRun(c)));
        out.add(new Buttons(List.of(
                new Button(UI_REFRESH, "Check again", ButtonRef.ofReport(c.reportId()).encode(), Style.DEFAULT, null),
                new Button(UI_TIMELINE, "Show timeline", ButtonRef.ofReport(c.reportId()).encode(), Style.DEFAULT, null))));
        String shared = c.sharedBy() == null ? "" : "Shared by " + Mrkdwn.user(c.sharedBy()) + " · ";
        out.add(Note.of(shared + "Checked " + Readings.time(d, d.snapshot().takenAt()) + " " + Readings.zoneName(d)
                + " · report " + code(c.reportId()) + " · " + code(COMMAND + " help") + " for more"));
        return out;
    }

    static String whoMayRun(ViewContext c) {
        String later = c.stepsRunnable() ? "" : " For now a click shows only you what a step would do; nothing runs.";
        if (c.admins().isEmpty()) {
            return "Nobody may run steps from Slack (DOCTOR_ADMINS is empty): a click shows only you what a step"
                    + " would do.";
        }
        List<String> who = Clip.list(c.admins().stream().map(Mrkdwn::user).toList(), 8, "others");
        return "Only " + Mrkdwn.and(who) + " may run these steps. Each asks first and is logged." + later;
    }

    static String fallback(Diagnosis d, ViewContext c) {
        String head = headline(d, c).replaceFirst("^:[a-z_]+: ", "");
        String first = d.hasProblems() ? ": " + d.findings().get(0).title() : "";
        return esc(head + first);
    }

    /** Lines under a title, packed into as few text parts as fit Slack's section limit. */
    static List<Part> paragraphs(String title, List<String> lines) {
        return paragraphs(title, lines, 1000);
    }

    static List<Part> paragraphs(String title, List<String> lines, int maxLine) {
        List<Part> out = new ArrayList<>();
        StringBuilder b = new StringBuilder(title == null ? "" : title);
        for (String line : lines) {
            String l = Clip.text(line, maxLine);
            if (b.length() > 0 && b.length() + 1 + l.length() > TEXT_BUDGET) {
                out.add(new Text(b.toString()));
                b.setLength(0);
            }
            if (b.length() > 0) b.append('\n');
            b.append(l);
        }
        if (b.length() > 0) out.add(new Text(b.toString()));
        return out;
    }

    private static String oneLine(String s) {
        return esc(s.replace('\n', ' '));
    }

    private static String orQ(String s) {
        return s == null || s.isBlank() ? "?" : s;
    }

    private static int nz(Integer n) {
        return n == null ? 0 : n;
    }
}
