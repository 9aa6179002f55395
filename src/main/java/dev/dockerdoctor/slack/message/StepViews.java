package dev.dockerdoctor.slack.message;

import dev.dockerdoctor.diagnosis.rules.RootVerdict;
import dev.dockerdoctor.model.Diagnosis;
import dev.dockerdoctor.model.FileChange;
import dev.dockerdoctor.model.Step;
import dev.dockerdoctor.model.StepFamily.Effect;
import dev.dockerdoctor.model.StepId;
import dev.dockerdoctor.recovery.StepOutcome;
import dev.dockerdoctor.report.Summary;
import dev.dockerdoctor.slack.message.Part.Button;
import dev.dockerdoctor.slack.message.Part.Buttons;
import dev.dockerdoctor.slack.message.Part.Code;
import dev.dockerdoctor.slack.message.Part.Confirm;
import dev.dockerdoctor.slack.message.Part.Note;
import dev.dockerdoctor.slack.message.Part.Style;
import dev.dockerdoctor.slack.message.Part.Text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static dev.dockerdoctor.slack.message.Mrkdwn.bold;
import static dev.dockerdoctor.slack.message.Mrkdwn.code;
import static dev.dockerdoctor.slack.message.Mrkdwn.esc;

/**
 * The plan and its steps in chat: the numbered plan with a button per step, the confirm dialog, what a step would do,
 * that it started, and how it ended. Pure, like every view.
 */
public final class StepViews {
    static final int MAX_EXTRA_STEP_BUTTONS = 50;

    private StepViews() {
    }

    /** What a step would do, for the person who clicked its button (and nobody else). */
    public static Message stepPreview(Diagnosis d, Step step, ViewContext c, String userId) {
        List<Part> parts = new ArrayList<>();
        int n = d.plan().indexOf(step) + 1;
        parts.add(new Text(bold((n > 0 ? n + ". " : "") + step.title()) + " " + code(step.id())
                + (step.detail() == null ? "" : "\n" + Clip.text(esc(step.detail()), Clip.MAX_DETAIL))));
        List<String> changes = new ArrayList<>();
        for (FileChange fc : step.changes()) {
            changes.add("• " + code(fc.file()) + ": " + code(fc.key()) + " "
                    + (fc.from() == null ? "_absent_" : code(fc.from())) + " → "
                    + (fc.to() == null ? "_removed_" : code(fc.to())));
        }
        parts.addAll(Clip.paragraphs("*Would change*", changes.isEmpty() ? List.of("_no files_") : Clip.list(changes, 20, "changes")));
        if (step.commands().isEmpty()) parts.add(new Text("*Would run*\n_no commands_"));
        else parts.add(new Code("*Would run*", Clip.list(step.commands(), 40, "commands")));
        if (step.warning() != null) parts.add(new Text(":warning: " + esc(step.warning())));
        String who;
        if (c.isAdmin(userId)) who = "Nothing was run.";
        else who = "Nothing was run: you are not in DOCTOR_ADMINS, so buttons show what a step would do.";
        parts.add(Note.of(who + " Only you can see this. Report " + code(c.reportId()) + "."));
        return new Message("Step " + step.id() + " would: " + Mrkdwn.oneLine(step.detail() == null ? step.title() : step.detail()), parts);
    }

    /** Said in the channel when an admin's click starts a step: everyone sees who runs what. */
    public static Message stepStarted(Step step, String userId, ViewContext c) {
        String line = ":arrow_forward: <@" + esc(userId) + "> runs " + bold(esc(step.title())) + " " + code(step.id()) + "...";
        return new Message(step.id() + " started by " + userId, List.of(new Text(line),
                Note.of("Report " + code(c.reportId()) + ". The result follows here.")));
    }

    /** The result of a step: what happened, the output's end, and the fresh verdict of the host. */
    public static Message stepOutcome(StepOutcome o, ViewContext c) {
        String icon = switch (o.status()) {
            case DONE -> ":white_check_mark:";
            case FAILED -> ":x:";
            case BUSY -> ":hourglass_flowing_sand:";
            case NOT_NEEDED -> ":information_source:";
            case NOT_ALLOWED, REFUSED -> ":no_entry:";
        };
        List<Part> parts = new ArrayList<>();
        parts.add(new Text(icon + " " + code(o.stepId()) + " (" + esc(o.status().name().toLowerCase(Locale.ROOT).replace('_', ' '))
                + ", <@" + esc(o.user()) + ">): " + Clip.text(esc(o.summary()), Clip.MAX_DETAIL)));
        if (!o.lines().isEmpty()) parts.add(new Code("*Output*", Clip.list(o.lines(), 40, "lines")));
        if (o.after() != null) {
            parts.add(new Text("*Now:* " + esc(Summary.verdict(o.after()))));
        }
        parts.add(Note.of("Report " + code(c.reportId()) + ". Every run is written to the audit log."));
        return new Message(o.stepId() + ": " + o.status().name().toLowerCase(Locale.ROOT) + ": " + Mrkdwn.oneLine(o.summary()), parts);
    }

    public static Message unknownStep(String reportId, String stepId) {
        return new Message("That step is not in the report", List.of(new Text(
                ":grey_question: Report " + code(reportId) + " has no step " + code(stepId) + ". Run " + code(ViewContext.COMMAND)
                        + " for a fresh report.")));
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
                    .filter(StepViews::putsRootRight).findFirst();
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
                out.add(Note.of(Clip.more(rest.size() - asButtons.size(), "steps") + ": " + code(ViewContext.COMMAND + " plan")
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
        return new Confirm(label(s) + "?", String.join(" ", what), c.admins().isEmpty() ? "Show what it does" : "Run it",
                "Cancel", danger);
    }

    static String whoMayRun(ViewContext c) {
        if (c.admins().isEmpty()) {
            return "Nobody may run steps from Slack (DOCTOR_ADMINS is empty): a click shows only you what a step"
                    + " would do.";
        }
        List<String> who = Clip.list(c.admins().stream().map(Mrkdwn::user).toList(), 8, "others");
        return "Only " + Mrkdwn.and(who) + " may run these steps. Each asks first and is logged.";
    }
}
