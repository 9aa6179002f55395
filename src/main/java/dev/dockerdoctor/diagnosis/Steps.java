package dev.dockerdoctor.diagnosis;

import java.util.List;

/**
 * The public step ids (also the Slack buttons' action_ids) and the safe order they run in. A step id with a
 * parameter is written {@code family:parameter}, e.g. {@code compose-up:gitlab}.
 */
public final class Steps {
    public static final String MOUNT_DATA_ROOT_DISK = "mount-data-root-disk";
    public static final String RESTORE_STORAGE_DRIVER = "restore-storage-driver";
    public static final String RESTORE_DATA_ROOT = "restore-data-root";
    public static final String START_DOCKER = "start-docker";
    public static final String COMPOSE_UP = "compose-up";
    public static final String RESTART_CONTAINER = "restart-container";
    public static final String PRUNE_DOCKER = "prune-docker";
    public static final String ENABLE_LIVE_RESTORE = "enable-live-restore";
    public static final String HOLD_DOCKER_PACKAGES = "hold-docker-packages";
    public static final String BLACKLIST_DOCKER_UPGRADES = "blacklist-docker-upgrades";
    public static final String DISABLE_APT_DAILY_UPGRADE = "disable-apt-daily-upgrade";

    /**
     * The order steps run in. The disk and the root come first, Docker next, services only after that, prevention
     * last; disabling the upgrade timer (which stops security updates) is the very last resort.
     */
    public static final List<String> ORDER = List.of(MOUNT_DATA_ROOT_DISK, RESTORE_STORAGE_DRIVER, RESTORE_DATA_ROOT,
            START_DOCKER, COMPOSE_UP, RESTART_CONTAINER, PRUNE_DOCKER, ENABLE_LIVE_RESTORE, HOLD_DOCKER_PACKAGES,
            BLACKLIST_DOCKER_UPGRADES, DISABLE_APT_DAILY_UPGRADE);

    private Steps() {
    }

    public static String family(String stepId) {
        int colon = stepId.indexOf(':');
        return colon < 0 ? stepId : stepId.substring(0, colon);
    }

    public static String parameter(String stepId) {
        int colon = stepId.indexOf(':');
        return colon < 0 ? null : stepId.substring(colon + 1);
    }

    public static int rank(String stepId) {
        int i = ORDER.indexOf(family(stepId));
        return i < 0 ? ORDER.size() : i;
    }
}
