package dev.dockerdoctor.app;

import dev.dockerdoctor.model.Diagnosis;
import dev.dockerdoctor.report.JsonReport;
import dev.dockerdoctor.report.TextReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code diagnose}: the agent without Slack. Exit 0 healthy, 1 problems found, 2 could not run. */
@Command(name = "diagnose", mixinStandardHelpOptions = true,
        description = "Inspect this Docker host and print the diagnosis and the recovery plan.")
public final class DiagnoseCommand implements Callable<Integer> {
    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Option(names = "--since", paramLabel = "WINDOW", defaultValue = "24h",
            description = "Log window: a duration (90m, 24h, 7d; units s, m, h, d) or an ISO-8601 time. Default: ${DEFAULT-VALUE}.")
    String since;

    @Option(names = "--host-root", paramLabel = "DIR", description = "Read the host's files under DIR (default: DOCTOR_HOST_ROOT or /).")
    Path hostRoot;

    @Option(names = "--docker-host", paramLabel = "URI", description = "The daemon to ask (default: DOCKER_HOST or unix:///var/run/docker.sock).")
    String dockerHost;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Keep the last known good state here (default: DOCTOR_STATE_DIR; none if unset).")
    Path stateDir;

    private final Map<String, String> env;
    private final Clock clock;

    public DiagnoseCommand(Map<String, String> env, Clock clock) {
        this.env = env;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        Settings settings = Settings.fromEnv(env);
        if (hostRoot != null) settings = settings.withHostRoot(hostRoot);
        if (dockerHost != null) settings = settings.withDockerHost(dockerHost);
        if (stateDir != null) settings = settings.withStateDir(stateDir);
        Instant from = SinceOption.parse(since, clock);
        Diagnosis d;
        try (Agent agent = Agents.create(settings, env, clock, settings.stateDir())) {
            d = agent.diagnose(from);
        }
        PrintWriter out = new PrintWriter(System.out, true, java.nio.charset.StandardCharsets.UTF_8);
        // the bot's own tokens, should a file on the host quote one, are masked in the report too
        out.print(settings.secrets().redact(json ? JsonReport.render(d) + "\n" : TextReport.render(d)));
        out.flush();
        return d.hasProblems() ? 1 : 0;
    }
}
