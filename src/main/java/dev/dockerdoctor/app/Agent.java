package dev.dockerdoctor.app;

import dev.dockerdoctor.diagnosis.Doctor;
import dev.dockerdoctor.diagnosis.PlanContext;
import dev.dockerdoctor.evidence.DockerProbe;
import dev.dockerdoctor.evidence.HostFiles;
import dev.dockerdoctor.evidence.HostInspector;
import dev.dockerdoctor.model.Diagnosis;
import dev.dockerdoctor.model.HostSnapshot;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The agent behind {@code diagnose}, {@code /docker-status} and the incident watcher: gather evidence, reason, plan.
 * One instance per process; the Docker client is built once, lazily, beside the other probes.
 */
public final class Agent implements AutoCloseable {
    private final HostInspector inspector;
    private final Doctor doctor;

    public Agent(Settings settings, Supplier<DockerProbe> docker, Clock clock) {
        HostFiles files = new HostFiles(settings.hostRoot());
        this.inspector = new HostInspector(files, docker, settings.dockerHost(), settings.dataRootSearch(), clock);
        this.doctor = Doctor.standard(new PlanContext(settings.dockerRestart(), settings.dockerStart(),
                java.util.List.of("docker", "compose")));
    }

    public Diagnosis diagnose(Instant since) {
        HostSnapshot snapshot = inspector.inspect(since, null);
        return doctor.diagnose(snapshot);
    }

    @Override
    public void close() {
        inspector.close();
    }
}
