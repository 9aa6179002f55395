package dev.dockerdoctor.diagnosis;

import java.util.List;

/** Every rule the agent runs. One rule per finding id; the order here is only the order of evaluation. */
public final class Rules {
    private Rules() {
    }

    public static List<Rule> all() {
        return List.of(
                new DaemonUnreachableRule(),
                new DataRootDriftRule(),
                new DataRootConflictRule(),
                new DaemonJsonInvalidRule(),
                new DataRootInVendorUnitRule(),
                new LowDiskRule(),
                new LiveRestoreDisabledRule(),
                new DataRootDiskNotMountedRule(),
                new StorageDriverChangedRule(),
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
                new DockerRestartedByUpgradeRule());
    }
}
