package dev.dockerdoctor.model;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Every kind of recovery step, said once: its public id, the short label a person would put on its button, and what
 * it does to the host. The declaration order is the order steps run in: the disk and the root first, Docker next,
 * services only after that, prevention last; disabling the upgrade timer (which stops security updates) is the very
 * last resort. The planner, the views and the executor ask these entries instead of keeping lists of ids.
 */
public enum StepFamily {
    MOUNT_DATA_ROOT_DISK("mount-data-root-disk", "Mount the data disk", Effect.RESTARTS_DOCKER),
    RESTORE_STORAGE_DRIVER("restore-storage-driver", "Restore storage driver", Effect.RESTARTS_DOCKER, Effect.EDITS_DAEMON_JSON),
    SWITCH_IMAGE_STORE("switch-image-store", "Switch the image store back", Effect.RESTARTS_DOCKER, Effect.EDITS_DAEMON_JSON),
    RESTORE_DATA_ROOT("restore-data-root", "Restore data root", Effect.RESTARTS_DOCKER, Effect.EDITS_DAEMON_JSON),
    START_DOCKER("start-docker", "Start Docker", Effect.RESTARTS_DOCKER),
    ENABLE_LINGER("enable-linger", "Keep %s's Docker running"),
    COMPOSE_UP("compose-up", "Start %s", Effect.WAITS_FOR_ROOT),
    RESTART_CONTAINER("restart-container", "Restart %s", Effect.WAITS_FOR_ROOT),
    PRUNE_DOCKER("prune-docker", "Prune %s", Effect.WAITS_FOR_ROOT),
    ENABLE_LIVE_RESTORE("enable-live-restore", "Enable live-restore", Effect.EDITS_DAEMON_JSON, Effect.PREVENTS),
    HOLD_DOCKER_PACKAGES("hold-docker-packages", "Hold docker packages", Effect.PREVENTS),
    BLACKLIST_DOCKER_UPGRADES("blacklist-docker-upgrades", "Keep Docker out of upgrades", Effect.PREVENTS),
    DISABLE_APT_DAILY_UPGRADE("disable-apt-daily-upgrade", "Disable apt-daily-upgrade", Effect.DANGEROUS, Effect.PREVENTS);

    /** What a step of the family does beyond its commands; each effect is asked for by name where it matters. */
    public enum Effect {
        /**
         * Restarts, starts or re-mounts under Docker to put the root right: the executor waits for the daemon to
         * answer before judging, and the root view offers it.
         */
        RESTARTS_DOCKER,
        /** Edits keys of daemon.json: refused while that file cannot be parsed (its other keys would be lost). */
        EDITS_DAEMON_JSON,
        /** Acts on the live root's containers: pointless or harmful while the root is the wrong one. */
        WAITS_FOR_ROOT,
        /** Costs more than it saves unless nothing else helps: shown in red. */
        DANGEROUS,
        /** Fixes nothing now; keeps the next upgrade or restart from doing it again (the post-mortem's prevention). */
        PREVENTS
    }

    private final String id;
    private final String label;
    private final Set<Effect> effects;

    StepFamily(String id, String label, Effect... effects) {
        this.id = id;
        this.label = label;
        this.effects = effects.length == 0 ? EnumSet.noneOf(Effect.class) : EnumSet.copyOf(Arrays.asList(effects));
    }

    /** The public id (README, "Plan steps"); also the step id when the family takes no parameter. */
    public String id() {
        return id;
    }

    public boolean has(Effect effect) {
        return effects.contains(effect);
    }

    /** Whether steps of this family name a thing (a project, a container, what to prune). */
    public boolean takesParameter() {
        return label.contains("%s");
    }

    /** The step id of this family for a parameter, e.g. {@code compose-up:gitlab}. */
    public String with(String parameter) {
        return new StepId(this, parameter).wire();
    }

    /** The button label for one step of this family. */
    public String label(String parameter) {
        return takesParameter() ? label.formatted(parameter) : label;
    }

    public static Optional<StepFamily> of(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst();
    }
}
