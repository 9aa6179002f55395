package dev.dockerdoctor.app;

import dev.dockerdoctor.model.Diagnosis;
import dev.dockerdoctor.postmortem.PostMortem;
import dev.dockerdoctor.recovery.AuditLog;
import dev.dockerdoctor.watch.Incident;
import dev.dockerdoctor.watch.IncidentStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code postmortem [INCIDENT]}: the post-mortem of an incident (the last resolved one by default) as Markdown on
 * stdout, from the state folder's record and audit log, the host's logs over the incident, and a diagnosis now.
 */
@Command(name = "postmortem", mixinStandardHelpOptions = true,
        description = "Print the post-mortem of an incident (default: the last resolved one) as Markdown: impact,"
                + " detection, root cause with the host's logs, the timeline, what was done and by whom, prevention.")
public final class PostmortemCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "INCIDENT", description = "The incident id (inc-...); default: the last resolved.")
    String incident;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "The state folder (default: DOCTOR_STATE_DIR or /var/lib/docker-doctor).")
    Path stateDir;

    @Option(names = "--host-root", paramLabel = "DIR", description = "Read the host's files under DIR (default: DOCTOR_HOST_ROOT or /).")
    Path hostRoot;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;
    private final Clock clock;

    public PostmortemCommand(Map<String, String> env, Clock clock) {
        this.env = env;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        Settings s = Settings.fromEnv(env);
        if (hostRoot != null) s = s.withHostRoot(hostRoot);
        Path state = stateDir != null ? stateDir : s.serveStateDir();
        IncidentStore.Loaded loaded = new IncidentStore(state).load(clock.instant());
        if (loaded.problem() != null) spec.commandLine().getErr().println("postmortem: " + loaded.problem());
        List<Incident> all = loaded.stored().incidents();
        Optional<Incident> chosen = incident != null
                ? all.stream().filter(i -> i.id().equals(incident)).findFirst()
                : all.stream().filter(i -> !i.open()).max(java.util.Comparator.comparing(Incident::resolvedAt));
        if (chosen.isEmpty()) {
            spec.commandLine().getErr().println("postmortem: " + (incident != null ? "no incident " + incident
                    : "no resolved incident") + " in " + state.resolve(IncidentStore.FILE));
            return Main.COULD_NOT_RUN;
        }
        Incident i = chosen.get();
        Diagnosis now;
        // the state folder's last known good stays as it is: this is a look back, not a watch
        try (Agent agent = Agents.create(s, env, clock, null)) {
            now = agent.diagnose(i.openedAt().minus(PostMortem.LEAD));
        }
        String md = PostMortem.render(i, new AuditLog(state).about(i.id()), now, now.snapshot().zone());
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        out.print(s.secrets().redact(md));
        out.flush();
        return 0;
    }
}
