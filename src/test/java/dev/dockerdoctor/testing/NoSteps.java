package dev.dockerdoctor.testing;

import dev.dockerdoctor.recovery.StepOutcome;
import dev.dockerdoctor.recovery.StepRunner;

import java.util.function.Consumer;

/** A step runner for tests about everything but steps: nobody may run one, and running one fails the test. */
public final class NoSteps implements StepRunner {
    @Override
    public boolean mayRun(String user) {
        return false;
    }

    @Override
    public StepOutcome run(String stepId, String user, String reference, Consumer<String> progress) {
        throw new AssertionError("no step may run in this test, yet " + stepId + " was run for " + user);
    }
}
