package dev.dockerdoctor.app;

import dev.dockerdoctor.evidence.DockerProbe;
import dev.dockerdoctor.model.DaemonState;

import java.time.Clock;

/** Builds the production agent from settings. */
final class Agents {
    private Agents() {
    }

    static Agent create(Settings settings, Clock clock) {
        DockerProbe probe = () -> DaemonState.unreachable("the Docker client is not wired yet");
        return new Agent(settings, () -> probe, clock, settings.stateDir());
    }
}
