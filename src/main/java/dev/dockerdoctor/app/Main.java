package dev.dockerdoctor.app;

import picocli.CommandLine.Command;
import picocli.CommandLine;

import java.time.Clock;
import java.util.Map;

/** Entry point: wires the subcommands and maps failures to exit status 2. Nothing else happens here. */
@Command(name = "docker-doctor", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Explains Docker host outages (a data root that moved, Docker restarted by an upgrade,"
                + " compose services down) and plans a safe recovery.%n"
                + "Commands: diagnose (this host, now), serve (the Slack bot), check (is the install set up right?),"
                + " postmortem (an incident, written up), healthcheck (is the bot up?).")
public final class Main {
    /** Exit status when the command could not run (bad arguments, bad settings, unexpected failure). */
    public static final int COULD_NOT_RUN = 2;

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), Clock.systemDefaultZone()));
    }

    public static int run(String[] args, Map<String, String> env, Clock clock) {
        CommandLine cli = new CommandLine(new Main());
        cli.addSubcommand(new DiagnoseCommand(env, clock));
        cli.addSubcommand(new ServeCommand(env, clock));
        cli.addSubcommand(new CheckCommand(env));
        cli.addSubcommand(new PostmortemCommand(env, clock));
        cli.addSubcommand(new HealthcheckCommand(env));
        cli.addSubcommand(new AgentCommand(env, clock));
        cli.addSubcommand(new FleetCommands.Enroll(env, clock));
        cli.addSubcommand(new FleetCommands.Hosts(env, clock));
        cli.addSubcommand(new FleetCommands.Forget(env, clock));
        // picocli's own: `docker-doctor generate-completion` prints a bash/zsh completion script
        cli.addSubcommand(new picocli.AutoComplete.GenerateCompletion());
        cli.addSubcommand(new ManPage());
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof SettingsException || ex instanceof IllegalArgumentException) {
                cmd.getErr().println("docker-doctor: " + ex.getMessage());
            } else {
                cmd.getErr().println("docker-doctor: could not run: " + ex);
            }
            return COULD_NOT_RUN;
        });
        cli.setExitCodeExceptionMapper(ex -> COULD_NOT_RUN);
        return cli.execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[]{"docker-doctor " + (v == null ? "dev" : v)};
        }
    }
}
