package dev.dockerdoctor.slack;

import dev.dockerdoctor.recovery.StepOutcome;

import java.util.function.Consumer;

/**
 * What the Slack side needs from recovery: whether a user may run steps, and running one. The implementation
 * (recovery/StepExecutor) checks the admin list again, runs once, re-plans at click time and audits.
 */
public interface StepRunner {
    boolean mayRun(String user);

    StepOutcome run(String stepId, String user, String reference, Consumer<String> progress);
}
