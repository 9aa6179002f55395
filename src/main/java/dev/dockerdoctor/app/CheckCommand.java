package dev.dockerdoctor.app;

import dev.dockerdoctor.check.CheckReport;
import dev.dockerdoctor.check.HostSetup;
import dev.dockerdoctor.check.SetupCheck;
import dev.dockerdoctor.check.SlackSetup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code check}: is this install set up right, before the first outage says it is not. Reads the same settings as
 * {@code serve}, asks Slack and Docker read-only, posts nothing. Exit 0 all well, 1 something to fix, 2 could not run.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check the settings serve would use: Slack tokens, scopes and channel, Docker, the state folder,"
                + " the host root, the logs and every watched URL. One line each, with what to do."
                + " Exit 0 all well, 1 something to fix, 2 could not run.")
public final class CheckCommand implements Callable<Integer> {
    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    private final Map<String, String> env;

    public CheckCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        Settings s;
        List<SetupCheck> checks = new ArrayList<>();
        try {
            s = Settings.fromEnv(env);
        } catch (SettingsException e) {
            // a malformed setting is what check is for: said as a failed line, not as "could not run"
            checks.add(new SetupCheck("settings", SetupCheck.Status.FAIL, e.getMessage(), "fix it in /etc/docker-doctor/env"));
            return print(checks, dev.dockerdoctor.model.Secrets.none());
        }
        checks.add(new SetupCheck("settings", SetupCheck.Status.OK, "every setting reads", ""));
        checks.addAll(SlackSetup.check(new SlackSetup.Side(s.slackBotToken(), s.slackSigningSecret(), s.slackAppToken(),
                s.slackApiUrl(), s.channel(), s.admins())));
        checks.addAll(HostSetup.check(new HostSetup.Side(s.dockerHost(), s.serveStateDir(), s.hostRoot(), s.watch())));
        return print(checks, s.secrets());
    }

    private int print(List<SetupCheck> checks, dev.dockerdoctor.model.Secrets secrets) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        out.print(secrets.redact(json ? CheckReport.json(checks) + "\n" : CheckReport.text(checks)));
        out.flush();
        return CheckReport.exitStatus(checks);
    }
}
