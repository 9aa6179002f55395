package dev.dockerdoctor.app;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code generate-manpage}: docker-doctor(1) in man(7) roff, written from picocli's model of the commands (their
 * names, options and descriptions, the same text as {@code --help}), so the page cannot drift from the CLI. picocli's
 * own generator writes AsciiDoc, which needs Asciidoctor to become a man page; this needs nothing. The .deb installs
 * it as /usr/share/man/man1/docker-doctor.1.
 */
@Command(name = "generate-manpage", hidden = true, description = "Print the docker-doctor(1) man page (roff).")
final class ManPage implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().getOut().print(render(spec.commandLine().getParent()));
        spec.commandLine().getOut().flush();
    }

    static String render(CommandLine root) {
        CommandSpec main = root.getCommandSpec();
        String version = main.version().length > 0 ? main.version()[0] : "docker-doctor";
        StringBuilder m = new StringBuilder();
        m.append(".TH DOCKER-DOCTOR 1 \"\" \"").append(esc(version)).append("\" \"User Commands\"\n");
        m.append(".SH NAME\ndocker-doctor \\- explains Docker host outages in Slack and fixes them with a button\n");
        m.append(".SH SYNOPSIS\n.B docker-doctor\n[\\fB\\-hV\\fR] \\fICOMMAND\\fR [\\fIOPTIONS\\fR]\n");
        m.append(".SH DESCRIPTION\n").append(esc(String.join(" ", main.usageMessage().description()).replace("%n", " "))).append('\n');
        m.append(".SH COMMANDS\n");
        for (Map.Entry<String, CommandLine> e : root.getSubcommands().entrySet()) {
            CommandSpec sub = e.getValue().getCommandSpec();
            if (sub.usageMessage().hidden() || !sub.name().equals(e.getKey())) continue;
            m.append(".TP\n\\fB").append(esc(sub.name())).append("\\fR");
            for (OptionSpec o : sub.options()) {
                if (o.usageHelp() || o.versionHelp() || o.hidden()) continue;
                m.append(" [\\fB").append(esc(o.longestName())).append("\\fR")
                        .append(o.arity().max > 0 ? " \\fI" + esc(o.paramLabel()) + "\\fR" : "").append(']');
            }
            m.append('\n').append(esc(String.join(" ", sub.usageMessage().description()).replace("%n", " "))).append('\n');
            List<OptionSpec> options = new ArrayList<>();
            for (OptionSpec o : sub.options()) if (!o.usageHelp() && !o.versionHelp() && !o.hidden()) options.add(o);
            if (options.isEmpty()) continue;
            m.append(".RS\n");
            for (OptionSpec o : options) {
                m.append(".TP\n\\fB").append(esc(String.join(", ", o.names()))).append("\\fR")
                        .append(o.arity().max > 0 ? " \\fI" + esc(o.paramLabel()) + "\\fR" : "").append('\n')
                        .append(esc(String.join(" ", o.description()).replace("${DEFAULT-VALUE}",
                                o.defaultValue() == null ? "" : o.defaultValue()))).append('\n');
            }
            m.append(".RE\n");
        }
        m.append(".SH OPTIONS\n.TP\n\\fB\\-h\\fR, \\fB\\-\\-help\\fR\nShow the help and exit (also after a command).\n")
                .append(".TP\n\\fB\\-V\\fR, \\fB\\-\\-version\\fR\nPrint the version and exit.\n");
        m.append(".SH ENVIRONMENT\nEvery setting is an environment variable (command-line flags win over them): ")
                .append(esc(String.join(", ", Env.settings()))).append(". Each is explained, with its default, in")
                .append(" /usr/share/doc/docker-doctor/docker-doctor.env.example; the service reads them from")
                .append(" /etc/docker-doctor/env.\n");
        m.append(".SH EXIT STATUS\n.TP\n.B 0\nHealthy (diagnose), all well (check), the bot answers (healthcheck).\n")
                .append(".TP\n.B 1\nProblems found (any warning or critical finding), something to fix, or no answer.\n")
                .append(".TP\n.B 2\nCould not run: bad arguments or settings.\n");
        m.append(".SH FILES\n.TP\n.I /etc/docker-doctor/env\nThe settings of the service (mode 600: it holds the Slack secrets).\n")
                .append(".TP\n.I /var/lib/docker-doctor\nIncidents, reports, the audit log (audit.jsonl), the last known good state.\n")
                .append(".TP\n.I /opt/docker-doctor/jvm.options\nThe JVM flags the service and the wrapper pass to java.\n");
        m.append(".SH SEE ALSO\n/usr/share/doc/docker-doctor/, \\fBsystemctl\\fR(1), \\fBdocker\\fR(1), \\fBjournalctl\\fR(1)\n");
        return m.toString();
    }

    // roff: a backslash is \e, a hyphen in a name \-, and a line must not start with a control character
    private static String esc(String s) {
        String t = s.replace("\\", "\\e").replace("-", "\\-");
        return t.startsWith(".") || t.startsWith("'") ? "\\&" + t : t;
    }
}
