package dev.dockerdoctor.app;

import dev.dockerdoctor.model.DaemonState;
import dev.dockerdoctor.model.Diagnosis;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/** The whole agent over a fake host's files and a scripted daemon state: one diagnosis, as {@code diagnose} runs it. */
final class AgentRuns {
    private AgentRuns() {
    }

    /**
     * @param search DOCTOR_DATA_ROOT_SEARCH
     * @param window how far back the logs are read, from the clock's now
     */
    static Diagnosis diagnose(Path hostRoot, String search, Supplier<DaemonState> daemon, Clock clock, Path stateDir,
                              Duration window) {
        Settings s = Settings.fromEnv(Map.of(Env.DOCTOR_HOST_ROOT, hostRoot.toString(), Env.DOCTOR_DATA_ROOT_SEARCH, search));
        try (Agent agent = new Agent(s, Map.of(), () -> daemon::get, clock, stateDir)) {
            return agent.diagnose(clock.instant().minus(window));
        }
    }
}
