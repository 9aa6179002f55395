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
        return create(settings, env, clock, stateDir, probe(settings));
    }

    /** The real Docker probe, its client warming up in the background. */
    static DockerJavaProbe probe(Settings settings) {
        return new DockerJavaProbe(settings.dockerHost()).warmUp();
    }

    /** The agent over a probe the caller shares (serve's watcher asks the same daemon through it). */
    static Agent create(Settings settings, java.util.Map<String, String> env, Clock clock, Path stateDir, DockerJavaProbe probe) {
        return new Agent(settings, env, () -> probe, clock, stateDir);
    }
}
