package dev.dockerdoctor.app;

import dev.dockerdoctor.evidence.DockerJavaProbe;

import java.nio.file.Path;
import java.time.Clock;

/** Builds the production agent from settings. */
final class Agents {
    private Agents() {
    }

    /**
     * The agent for one diagnosis: its Docker client is built when the daemon is first asked, after the log scan
     * (a client warming up beside the scan only slows it down; see {@link dev.dockerdoctor.evidence.HostInspector}).
     */
    static Agent create(Settings settings, java.util.Map<String, String> env, Clock clock, Path stateDir) {
        return create(settings, env, clock, stateDir, new DockerJavaProbe(settings.dockerHost()));
    }

    /** The real Docker probe, its client warming up in the background (for serve, which asks the daemon often). */
    static DockerJavaProbe probe(Settings settings) {
        return new DockerJavaProbe(settings.dockerHost()).warmUp();
    }

    /** The agent over a probe the caller shares (serve's watcher asks the same daemon through it). */
    static Agent create(Settings settings, java.util.Map<String, String> env, Clock clock, Path stateDir, DockerJavaProbe probe) {
        return new Agent(settings, env, () -> probe, clock, stateDir);
    }
}
