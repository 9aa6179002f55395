package dev.dockerdoctor.diagnosis.rules;

import dev.dockerdoctor.diagnosis.facts.Facts;
import dev.dockerdoctor.model.DaemonJsonCheck;
import dev.dockerdoctor.model.EventKind;
import dev.dockerdoctor.model.Evidence;
import dev.dockerdoctor.model.Finding;
import dev.dockerdoctor.model.HostSnapshot;
import dev.dockerdoctor.model.LogEvent;
import dev.dockerdoctor.model.Severity;
import dev.dockerdoctor.parse.DaemonJsonKeys.Refusal;
import dev.dockerdoctor.parse.DaemonJsonKeys;
import dev.dockerdoctor.parse.SystemdUnitParser;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code daemon-json-invalid}: dockerd would refuse daemon.json. Either it cannot be read as a JSON object at all
 * (corrupt, empty, unreadable), or it reads but dockerd refuses what it says ({@link DaemonJsonKeys#refusals}): a key
 * it does not know ({@code data_root}), a value of the wrong type ({@code "live-restore": "yes"}), a setting also
 * given as a flag of its command line. dockerd refuses to start with such a file, so it is critical while the daemon
 * is down (that is likely why) and a warning while it runs (the next restart fails). A key that is merely unknown to
 * docker-doctor's list, with no known key it looks like, is only told while the daemon is down: a running daemon may
 * know options newer than the list.
 *
 * <p>dockerd has the last word where it can be asked ({@code dockerd --validate}, {@link DaemonJsonCheck}): its
 * refusal is a finding in its own words, its "configuration OK" silences the project's own key and type checks (it
 * does not see the unit's flags, so a flag/file conflict still counts). dockerd's logged refusal ("unable to
 * configure the Docker daemon with file ...") is quoted; while the daemon is down and that is the last thing dockerd
 * said, it is a finding even when nothing else can tell what is wrong.
 */
public final class DaemonJsonInvalidRule implements Rule {
    public static final String ID = "daemon-json-invalid";

    @Override
    public String id() { return ID; }

    @Override
    public Set<FindingTrait> traits() { return EnumSet.of(FindingTrait.DISQUALIFIES_LAST_KNOWN_GOOD); }

    /**
     * What dockerd would refuse in daemon.json, read with the command line it starts with (the unit's, else the
     * running process's). Empty when the file is fine or cannot be read at all.
     */
    public static List<Refusal> refusals(HostSnapshot s) {
        if (s.config().daemonJsonError() != null || s.config().daemonJson().isEmpty()) return List.of();
        List<String> argv = s.config().effectiveExecStart() != null
                ? SystemdUnitParser.argv(s.config().effectiveExecStart())
                : s.config().targetProcess().map(p -> p.argv()).orElse(List.of());
        List<Refusal> all = DaemonJsonKeys.refusals(s.config().daemonJson(), argv);
        DaemonJsonCheck dockerd = s.config().daemonJsonCheck();
        if (dockerd != null && dockerd.accepted()) return all.stream().filter(r -> r.kind() == Refusal.Kind.ALSO_A_FLAG).toList();
        if (!s.daemon().reachable()) return all;
        return all.stream().filter(r -> r.kind() != Refusal.Kind.UNKNOWN || r.meant() != null).toList();
    }

    /** Whether dockerd would refuse daemon.json at its next start, for any of the reasons above. */
    public static boolean wouldRefuse(HostSnapshot s) {
        DaemonJsonCheck dockerd = s.config().daemonJsonCheck();
        return s.config().daemonJsonError() != null || !refusals(s).isEmpty() || (dockerd != null && !dockerd.accepted());
    }

    /** dockerd's own refusal in the logs, when it is the last thing dockerd said about starting. */
    static Optional<LogEvent> loggedRefusal(HostSnapshot s) {
        LogEvent last = null;
        for (LogEvent e : s.events()) {
            if (e.kind() == EventKind.DOCKERD_CONFIG_REFUSED || e.kind() == EventKind.DOCKERD_READY) {
                if (last == null || !e.time().isBefore(last.time())) last = e;
            }
        }
        return last != null && last.kind() == EventKind.DOCKERD_CONFIG_REFUSED ? Optional.of(last) : Optional.empty();
    }

    @Override
    public List<Finding> check(HostSnapshot s, Facts facts) {
        String file = s.config().daemonJsonPath();
        boolean down = !s.daemon().reachable();
        String error = s.config().daemonJsonError();
        if (error != null) {
            String detail = file + " " + error + ". dockerd reads it at every start and refuses to start when it is not"
                    + " valid JSON" + (down ? ": that is likely why Docker is down." : ", so the next restart of Docker will fail.")
                    + " Fix the file by hand (docker-doctor does not rewrite a file it cannot read), e.g. check it with"
                    + " `python3 -m json.tool " + file + "`.";
            return List.of(new Finding(ID, down ? Severity.CRITICAL : Severity.WARNING, file + " is not valid", detail,
                    List.of(new Evidence(file, error)), List.of()));
        }
        List<Refusal> refused = refusals(s);
        DaemonJsonCheck dockerd = s.config().daemonJsonCheck();
        boolean dockerdRefuses = dockerd != null && !dockerd.accepted();
        Optional<LogEvent> logged = down ? loggedRefusal(s) : Optional.empty();
        if (refused.isEmpty() && !dockerdRefuses && logged.isEmpty()) return List.of();
        List<Evidence> ev = new ArrayList<>();
        if (dockerdRefuses) ev.add(new Evidence(dockerd.dockerd() + " --validate", dockerd.words()));
        logged.ifPresent(e -> ev.add(new Evidence(e.source(), e.message())));
        for (Refusal r : refused) ev.add(new Evidence(file, r.words()));
        if (refused.isEmpty()) {
            String words = dockerdRefuses ? dockerd.words() : logged.get().message();
            String title = file + " is refused by dockerd" + reason(words, file);
            String detail = "dockerd " + (dockerdRefuses ? "says it would not start on " + file + " (`dockerd --validate`)"
                    : "refused to start on " + file + " and has not started since") + ": \"" + words.strip() + "\". "
                    + (down ? "That is likely why Docker is down; " : "") + "fix what it names, check with `dockerd"
                    + " --validate --config-file " + file + "` (Docker 23 and later), then start Docker.";
            return List.of(new Finding(ID, down ? Severity.CRITICAL : Severity.WARNING, title, detail, ev, List.of()));
        }
        List<String> fixes = new ArrayList<>();
        for (Refusal r : refused) {
            switch (r.kind()) {
                case UNKNOWN -> fixes.add(r.meant() != null ? "rename \"" + r.key() + "\" to \"" + r.meant() + "\""
                        : "remove \"" + r.key() + "\" (or check the spelling against `man dockerd`)");
                case WRONG_TYPE -> fixes.add("give \"" + r.key() + "\" a value of the right type");
                case ALSO_A_FLAG -> fixes.add("set \"" + r.key() + "\" in one place only (the flag in the unit, or the file)");
            }
        }
        String first = refused.get(0).words();
        String title = file + " would be refused by dockerd: " + first + (refused.size() > 1 ? " (and " + (refused.size() - 1) + " more)" : "");
        String detail = "dockerd reads " + file + " at every start and refuses to start when it holds an option it does"
                + " not know, a value of the wrong type, or a setting also given as a flag (its log then says \"unable to"
                + " configure the Docker daemon with file " + file + "\")" + (down ? ": that is likely why Docker is down,"
                + " and starting it again fails the same way until the file is fixed." : "; it runs now, but the next restart"
                + " (a package upgrade, a reboot) will fail.") + " To fix: " + String.join("; ", fixes) + ". Check it with"
                + " `dockerd --validate --config-file " + file + "` (Docker 23 and later).";
        if (dockerdRefuses || logged.isPresent()) {
            detail += " dockerd's own words: \"" + (dockerdRefuses ? dockerd.words() : logged.get().message()).strip() + "\".";
        }
        return List.of(new Finding(ID, down ? Severity.CRITICAL : Severity.WARNING, title, detail, ev, List.of()));
    }

    /** ": the following directives don't match ..." from dockerd's line, after the file it names. */
    private static String reason(String words, String file) {
        int at = words.indexOf(file + ": ");
        return at < 0 ? "" : ": " + words.substring(at + file.length() + 2).strip();
    }
}
