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

    /** What is told of every step that ran (done or failed); refusals and "busy" ran nothing and are not told. */
    @FunctionalInterface
    interface RanListener {
        void ran(String stepId, String reference, StepOutcome outcome);
    }

    /** This runner, telling {@code listener} of each step that ran, after it ran; everything else as it was. */
    default StepRunner telling(RanListener listener) {
        StepRunner inner = this;
        return new StepRunner() {
            @Override
            public boolean mayRun(String user) {
                return inner.mayRun(user);
            }

            @Override
            public void previewed(String stepId, String user, String reference) {
                inner.previewed(stepId, user, reference);
            }

            @Override
            public StepOutcome run(String stepId, String user, String reference, Consumer<String> progress) {
                StepOutcome o = inner.run(stepId, user, reference, progress);
                if (o.status() == StepOutcome.Status.DONE || o.status() == StepOutcome.Status.FAILED) {
                    listener.ran(stepId, reference, o);
                }
                return o;
            }
        };
    }
}
