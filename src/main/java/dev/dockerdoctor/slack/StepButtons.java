package dev.dockerdoctor.slack;

import dev.dockerdoctor.model.Step;
import dev.dockerdoctor.model.StepId;
import dev.dockerdoctor.recovery.StepOutcome;
import dev.dockerdoctor.recovery.StepRunner;
import dev.dockerdoctor.slack.message.ButtonRef;
import dev.dockerdoctor.slack.message.Message;
import dev.dockerdoctor.slack.message.ReportViews;
import dev.dockerdoctor.slack.message.StepViews;
import dev.dockerdoctor.slack.message.ViewContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * A step button's click, on the bot's workers: an admin's (from this workspace) runs the step, anyone else's shows
 * what it would do. Only a click whose step really starts announces it ("Alice runs ..."), where it was clicked; a
 * click that finds the step already running, or no longer needed, is told so alone.
 */
final class StepButtons {
    private static final Logger log = LoggerFactory.getLogger(StepButtons.class);

    private final StepRunner runner;
    private final ReportStore store;
    private final OnceOnly once;
    private final Answers answers;
    private final Function<String, ViewContext> context;

    StepButtons(StepRunner runner, ReportStore store, OnceOnly once, Answers answers, Function<String, ViewContext> context) {
        this.runner = runner;
        this.store = store;
        this.once = once;
        this.answers = answers;
        this.context = context;
    }

    void clicked(String actionId, String value, String user, boolean ourTeam, Answers.Click click) {
        Optional<ButtonRef> ref = ButtonRef.decode(value);
        boolean admin = user != null && runner.mayRun(user);
        boolean runs = admin && ourTeam;
        if (admin && !ourTeam) {
            log.warn("Step button {} pressed by {} from another workspace (or one Slack could not confirm): shown, not run",
                    actionId, user);
        }
        // the value names the step; the action_id is that step's (a long id's is shortened): both must agree
        if (!runs || ref.isEmpty() || ref.get().step() == null || !StepId.actionId(ref.get().step()).equals(actionId)) {
            preview(actionId, value, user, click);
            return;
        }
        String stepId = ref.get().step();
        Optional<StoredReport> report = store.find(ref.get().report());
        if (report.isEmpty()) {
            answers.toAsker(click.responder(), ReportViews.unknownReport(ref.get().report()));
            return;
        }
        ViewContext vc = context.apply(report.get().id());
        Step shown = report.get().step(stepId).orElse(null);
        log.info("Step {} (report {}) clicked by {}", stepId, report.get().id(), user);
        once.keep(); // the click is on disk before its step runs: replayed after a crash, it is known
        AtomicBoolean started = new AtomicBoolean();
        // the runner's first progress line comes once the step has its turn (not for one already running)
        StepOutcome o = runner.run(stepId, user, report.get().id(), line -> {
            if (started.compareAndSet(false, true) && shown != null) {
                answers.whereClicked(click, StepViews.stepStarted(shown, user, vc));
            }
        });
        boolean ran = o.status() == StepOutcome.Status.DONE || o.status() == StepOutcome.Status.FAILED;
        Message result = StepViews.stepOutcome(o, vc);
        if (ran || started.get()) answers.whereClicked(click, result);
        else answers.toAsker(click.responder(), result);
    }

    private void preview(String actionId, String value, String user, Answers.Click click) {
        Message m;
        Optional<ButtonRef> ref = ButtonRef.decode(value);
        if (ref.isEmpty() || ref.get().step() == null) {
            log.warn("Step button {} carried a value that is not ours", actionId);
            m = ReportViews.unknownReport("?");
        } else {
            Optional<StoredReport> report = store.find(ref.get().report());
            Optional<Step> step = report.flatMap(r -> r.step(ref.get().step()));
            if (report.isEmpty()) m = ReportViews.unknownReport(ref.get().report());
            else if (step.isEmpty()) m = StepViews.unknownStep(ref.get().report(), ref.get().step());
            else m = StepViews.stepPreview(report.get().diagnosis(), step.get(), context.apply(report.get().id()), user);
            log.info("Step button {} (report {}) pressed by {}: shown, not run", ref.get().step(), ref.get().report(), user);
            runner.previewed(ref.get().step(), user, ref.get().report());
        }
        answers.toAsker(click.responder(), m);
    }
}
