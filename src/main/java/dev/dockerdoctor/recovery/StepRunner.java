package dev.dockerdoctor.recovery;

import java.util.function.Consumer;

/**
 * Running a step, as chat asks for it: whether a user may run steps (the one rule, the admin list), and running
 * one. {@link StepExecutor} is it: it runs once, re-plans at click time and audits.
 */
public interface StepRunner {
    boolean mayRun(String user);

    StepOutcome run(String stepId, String user, String reference, Consumer<String> progress);

    /** A click that was shown what the step would do instead (for the audit); nothing ran. */
    default void previewed(String stepId, String user, String reference) {
    }
}
