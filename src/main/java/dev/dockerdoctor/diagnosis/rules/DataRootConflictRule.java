package dev.dockerdoctor.diagnosis.rules;

import dev.dockerdoctor.diagnosis.facts.Facts;
import dev.dockerdoctor.model.Evidence;
import dev.dockerdoctor.model.Finding;
import dev.dockerdoctor.model.HostSnapshot;
import dev.dockerdoctor.model.RootSetting;
import dev.dockerdoctor.model.Severity;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@code data-root-conflict}: the root is set both as a dockerd flag and in daemon.json. dockerd refuses to start:
 * "the following directives are specified both as a flag and in the configuration file: data-root".
 */
public final class DataRootConflictRule implements Rule {
    public static final String ID = "data-root-conflict";

    @Override
    public String id() { return ID; }

    @Override
    public Set<FindingTrait> traits() {
        return EnumSet.of(FindingTrait.ROOT_NOT_RIGHT,
                FindingTrait.DISQUALIFIES_LAST_KNOWN_GOOD, FindingTrait.ROOT_VIEW);
    }

    @Override
    public List<Finding> check(HostSnapshot s, Facts facts) {
        if (!s.config().hasFlagAndFileConflict()) return List.of();
        List<RootSetting> both = s.config().effectiveConfiguredRoots();
        RootSetting flag = both.stream().filter(r -> r.kind().isFlagSource()).findFirst().orElseThrow();
        String detail = "dockerd refuses to start when the data root is given both as a flag and in daemon.json"
                + " (\"the following directives are specified both as a flag and in the configuration file: data-root\")."
                + " Keep daemon.json and remove " + flag.key() + " from " + flag.file() + ", then `systemctl daemon-reload`"
                + " and start Docker.";
        return List.of(new Finding(ID, Severity.CRITICAL, "The data root is set both as a flag and in daemon.json",
                detail, both.stream().map(r -> new Evidence(r.file(), r.key() + " = " + r.value())).toList(), List.of()));
    }
}
