package dev.dockerdoctor.diagnosis.rules;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every rule the agent runs: adding a finding is its rule file plus one line here. One rule per finding id; the
 * order here is only the order of evaluation (and of findings of equal severity).
 */
public final class Rules {
    // rules are pure and hold no state: one list serves every diagnosis
    private static final List<Rule> ALL = List.of(
            new DaemonUnreachableRule(),
            new DataRootDriftRule(),
            new DataRootConflictRule(),
            new DaemonJsonInvalidRule(),
            new DataRootInVendorUnitRule(),
            new LowDiskRule(),
            new LiveRestoreDisabledRule(),
            new DataRootDiskNotMountedRule(),
            new StorageDriverChangedRule(),
            new ContainerdImageStoreSwitchedRule(),
            new DockerLeftStoppedRule(),
            new DaemonJsonReplacedRule(),
            new DataRootFlagLostRule(),
            new ComposeServicesDownRule(),
            new NamedVolumesAtRiskRule(),
            new ComposeFileInvalidRule(),
            new BindMountSourceMissingRule(),
            new ContainerRestartLoopRule(),
            new ContainerOomKilledRule(),
            new ContainerUnhealthyRule(),
            new DockerDiskPressureRule(),
            new DockerRestartedByUpgradeRule(),
            new DockerClientTooOldRule(),
            new RootlessDockerNotLingeringRule());

    private Rules() {
    }

    public static List<Rule> all() {
        return ALL;
    }

    /** The ids of the findings with a trait, from the rules' own declarations. */
    public static Set<String> idsWith(FindingTrait trait) {
        return ALL.stream().filter(r -> r.traits().contains(trait)).map(Rule::id).collect(Collectors.toUnmodifiableSet());
    }
}
