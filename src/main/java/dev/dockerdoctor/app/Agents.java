package dev.dockerdoctor.app;

import dev.dockerdoctor.evidence.DockerJavaProbe;

import java.nio.file.Path;
import java.time.Clock;

/** Builds the production agent from settings. */
final class Agents {
    private Agents() {
    }

    /** The agent with the real Docker client; its client is built lazily, beside the other probes. */
    static Agent create(Settings settings, java.util.Map<String, String> env, Clock clock, Path stateDir) {
        DockerJavaProbe probe = new DockerJavaProbe(settings.dockerHost()).warmUp();
        return new Agent(settings, env, () -> probe, clock, stateDir);
    }
}
