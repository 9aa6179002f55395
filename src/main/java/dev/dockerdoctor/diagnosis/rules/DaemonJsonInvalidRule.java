package dev.dockerdoctor.diagnosis.rules;

import dev.dockerdoctor.diagnosis.facts.Facts;
import dev.dockerdoctor.model.Evidence;
import dev.dockerdoctor.model.Finding;
import dev.dockerdoctor.model.HostSnapshot;
import dev.dockerdoctor.model.Severity;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@code daemon-json-invalid}: daemon.json cannot be used (corrupt, not an object, empty, unreadable). dockerd refuses
 * to start with it, so it is critical when the daemon is already down and a warning (the next restart fails) when not.
 */
public final class DaemonJsonInvalidRule implements Rule {
    public static final String ID = "daemon-json-invalid";

    @Override
    public String id() { return ID; }

    @Override
    public Set<FindingTrait> traits() { return EnumSet.of(FindingTrait.DISQUALIFIES_LAST_KNOWN_GOOD); }

    @Override
    public List<Finding> check(HostSnapshot s, Facts facts) {
        String error = s.config().daemonJsonError();
        if (error == null) return List.of();
        String file = s.config().daemonJsonPath();
        boolean down = !s.daemon().reachable();
        String detail = file + " " + error + ". dockerd reads it at every start and refuses to start when it is not"
                + " valid JSON" + (down ? ": that is likely why Docker is down." : ", so the next restart of Docker will fail.")
                + " Fix the file by hand (docker-doctor does not rewrite a file it cannot read), e.g. check it with"
                + " `python3 -m json.tool " + file + "`.";
        return List.of(new Finding(ID, down ? Severity.CRITICAL : Severity.WARNING, file + " is not valid", detail,
                List.of(new Evidence(file, error)), List.of()));
    }
}
