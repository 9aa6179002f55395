package dev.dockerdoctor.diagnosis.rules;

import dev.dockerdoctor.diagnosis.facts.Facts;
import dev.dockerdoctor.model.Evidence;
import dev.dockerdoctor.model.Finding;
import dev.dockerdoctor.model.HostSnapshot;
import dev.dockerdoctor.model.Severity;
import dev.dockerdoctor.parse.DaemonJsonKeys.Refusal;
import dev.dockerdoctor.parse.DaemonJsonKeys;
import dev.dockerdoctor.parse.SystemdUnitParser;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@code daemon-json-invalid}: dockerd would refuse daemon.json. Either it cannot be read as a JSON object at all
 * (corrupt, empty, unreadable), or it reads but dockerd refuses what it says ({@link DaemonJsonKeys#refusals}): a key
 * it does not know ({@code data_root}), a value of the wrong type ({@code "live-restore": "yes"}), a setting also
 * given as a flag of its command line. dockerd refuses to start with such a file, so it is critical while the daemon
 * is down (that is likely why) and a warning while it runs (the next restart fails). A key that is merely unknown to
 * docker-doctor's list, with no known key it looks like, is only told while the daemon is down: a running daemon may
 * know options newer than the list.
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
        if (!s.daemon().reachable()) return all;
        return all.stream().filter(r -> r.kind() != Refusal.Kind.UNKNOWN || r.meant() != null).toList();
    }

    /** Whether dockerd would refuse daemon.json at its next start, for any of the reasons above. */
    public static boolean wouldRefuse(HostSnapshot s) {
        return s.config().daemonJsonError() != null || !refusals(s).isEmpty();
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
        if (refused.isEmpty()) return List.of();
        List<Evidence> ev = new ArrayList<>();
        for (Refusal r : refused) ev.add(new Evidence(file, r.words()));
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
        return List.of(new Finding(ID, down ? Severity.CRITICAL : Severity.WARNING, title, detail, ev, List.of()));
    }
}
