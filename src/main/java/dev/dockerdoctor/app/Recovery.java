package dev.dockerdoctor.app;

import dev.dockerdoctor.diagnosis.DiagnosisSource;
import dev.dockerdoctor.evidence.HostFiles;
import dev.dockerdoctor.parse.Since;
import dev.dockerdoctor.recovery.AuditLog;
import dev.dockerdoctor.recovery.CommandRunner;
import dev.dockerdoctor.recovery.DockerApi;
import dev.dockerdoctor.recovery.StepExecutor;

import java.time.Clock;

/** Wires the recovery executor for {@code serve}: the same agent, the host root, the state folder's one audit log. */
final class Recovery {
    private Recovery() {
    }

    static StepExecutor steps(Settings settings, DiagnosisSource source, Agent agent, AuditLog audit, Clock clock) {
        return new StepExecutor(settings.admins(), () -> source.diagnose(clock.instant().minus(Since.DEFAULT)),
                agent::daemon, new HostFiles(settings.hostRoot()),
                new CommandRunner(new DockerApi(settings.dockerHost(), StepExecutor.COMMAND_TIMEOUT)),
                audit, clock);
    }
}
