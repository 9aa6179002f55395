package dev.dockerdoctor.app;

import dev.dockerdoctor.evidence.HostFiles;
import dev.dockerdoctor.parse.Since;
import dev.dockerdoctor.recovery.AuditLog;
import dev.dockerdoctor.recovery.CommandRunner;
import dev.dockerdoctor.recovery.StepExecutor;
import dev.dockerdoctor.recovery.StepOutcome;
import dev.dockerdoctor.slack.DiagnosisSource;
import dev.dockerdoctor.slack.StepRunner;

import java.time.Clock;
import java.util.function.Consumer;

/** Wires the recovery executor for {@code serve}: the same agent, the host root, the state folder's audit log. */
final class Recovery {
    private Recovery() {
    }

    static StepRunner steps(Settings settings, DiagnosisSource source, Agent agent, Clock clock) {
        StepExecutor executor = new StepExecutor(settings.admins(),
                () -> source.diagnose(clock.instant().minus(Since.DEFAULT)), agent::daemon,
                new HostFiles(settings.hostRoot()), new CommandRunner(), new AuditLog(settings.serveStateDir()), clock);
        return new StepRunner() {
            @Override
            public boolean mayRun(String user) {
                return executor.mayRun(user);
            }

            @Override
            public StepOutcome run(String stepId, String user, String reference, Consumer<String> progress) {
                return executor.execute(stepId, user, reference, progress);
            }
        };
    }
}
