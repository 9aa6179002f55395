package dev.dockerdoctor.app;

import dev.dockerdoctor.fleet.EnrollToken;
import dev.dockerdoctor.fleet.FleetBook;
import dev.dockerdoctor.fleet.HostName;
import dev.dockerdoctor.fleet.link.LinkKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code enroll}, {@code hosts} and {@code forget}: the hub's book of its fleet, run on the hub's host. */
final class FleetCommands {
    private FleetCommands() {
    }

    /** The hub's state folder: {@code --state-dir}, else DOCTOR_STATE_DIR, else serve's default. */
    abstract static class OnTheHub implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--state-dir", paramLabel = "DIR", description = "The hub's state folder (default: DOCTOR_STATE_DIR or /var/lib/docker-doctor).")
        Path stateDir;

        final Map<String, String> env;
        final Clock clock;

        OnTheHub(Map<String, String> env, Clock clock) {
            this.env = env;
            this.clock = clock;
        }

        Path state() throws SettingsException {
            return stateDir != null ? stateDir : Settings.fromEnv(env).serveStateDir();
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try {
                return run(new FleetBook(state()), out);
            } catch (SettingsException | IOException | IllegalArgumentException e) {
                spec.commandLine().getErr().println(spec.name() + ": " + e.getMessage());
                return Main.COULD_NOT_RUN;
            }
        }

        abstract int run(FleetBook book, PrintWriter out) throws SettingsException, IOException;
    }

    @Command(name = "enroll", mixinStandardHelpOptions = true,
            description = {"Make a one-time token (valid for an hour) for the agent of host NAME; printed as the last line.",
                    "Give it to that host's agent as DOCTOR_ENROLL_TOKEN, with DOCTOR_HUB_URL."})
    static final class Enroll extends OnTheHub {
        @Parameters(paramLabel = "NAME", description = "The host's name in the fleet (a-z, 0-9, '.', '-').")
        String name;

        Enroll(Map<String, String> env, Clock clock) {
            super(env, clock);
        }

        @Override
        int run(FleetBook book, PrintWriter out) throws SettingsException, IOException {
            if (!HostName.valid(name)) throw new IllegalArgumentException(HostName.problem(name));
            LinkKeys hub = LinkKeys.hub(state());
            Instant now = clock.instant();
            EnrollToken token = book.issue(name, hub.fingerprint(), now);
            out.println("Token for " + name + ", valid until " + now.plus(FleetBook.TOKEN_LIFE) + ", usable once."
                    + " On " + name + ": DOCTOR_HUB_URL=https://<this host>:<DOCTOR_AGENT_PORT, 3001> and");
            out.println("DOCTOR_ENROLL_TOKEN=<the line below> in the agent's environment file, then start docker-doctor-agent."
                    + " serve listens for agents once this hub has a key: restart it if it ran before the first enroll.");
            out.println(token.encoded());
            out.flush();
            return 0;
        }
    }

    @Command(name = "hosts", mixinStandardHelpOptions = true,
            description = "List the fleet: each enrolled host with when its agent was last seen, and the tokens not yet used.")
    static final class Hosts extends OnTheHub {
        Hosts(Map<String, String> env, Clock clock) {
            super(env, clock);
        }

        @Override
        int run(FleetBook book, PrintWriter out) throws IOException {
            var hosts = book.hosts();
            var pending = book.pending(clock.instant());
            if (hosts.isEmpty() && pending.isEmpty()) {
                out.println("No host is enrolled: this hub watches only its own host. Add one with: docker-doctor enroll NAME");
            }
            int w = Math.max(4, hosts.stream().mapToInt(h -> h.name().length()).max().orElse(4));
            w = Math.max(w, pending.keySet().stream().mapToInt(String::length).max().orElse(4));
            if (!hosts.isEmpty() || !pending.isEmpty()) out.printf("%-" + w + "s  %-9s  %s%n", "NAME", "STATE", "LAST SEEN");
            for (FleetBook.Host h : hosts) {
                out.printf("%-" + w + "s  %-9s  %s%n", h.name(), "enrolled", h.lastSeen() == null ? "never" : h.lastSeen());
            }
            for (var p : pending.entrySet()) {
                out.printf("%-" + w + "s  %-9s  %s%n", p.getKey(), "pending", "token valid until " + p.getValue());
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "forget", mixinStandardHelpOptions = true,
            description = "Remove host NAME from the fleet: its agent is let go at its next heartbeat and let in no more.")
    static final class Forget extends OnTheHub {
        @Parameters(paramLabel = "NAME", description = "The host's name in the fleet.")
        String name;

        Forget(Map<String, String> env, Clock clock) {
            super(env, clock);
        }

        @Override
        int run(FleetBook book, PrintWriter out) throws IOException {
            if (!book.forget(name)) {
                spec.commandLine().getErr().println("forget: no host '" + name + "' in the fleet (see docker-doctor hosts)");
                return 1;
            }
            out.println("Forgot " + name + ": its agent is let in no more; enroll it again to bring it back.");
            out.flush();
            return 0;
        }
    }
}
