package dev.dockerdoctor.diagnosis.plan;

import dev.dockerdoctor.diagnosis.facts.Facts;
import dev.dockerdoctor.diagnosis.facts.Paths2;
import dev.dockerdoctor.diagnosis.rules.RootVerdict;
import dev.dockerdoctor.model.FileChange;
import dev.dockerdoctor.model.Finding;
import dev.dockerdoctor.model.HostSnapshot;
import dev.dockerdoctor.model.RootSetting;
import dev.dockerdoctor.model.Step;
import dev.dockerdoctor.model.StepFamily.Effect;
import dev.dockerdoctor.model.StepFamily;
import dev.dockerdoctor.model.StepId;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the step ids the findings ask for into concrete steps, in a safe order. Two rules of safety live here and
 * nowhere else: steps follow the order of {@link StepFamily}, and no {@code compose-up} is planned while the data root is wrong
 * (on an empty default root it would create fresh, empty named volumes and pull every image onto the small disk).
 */
public final class Planner {
    private final PlanContext ctx;
    private final HealthSteps health;

    public Planner(PlanContext ctx) {
        this.ctx = ctx;
        this.health = new HealthSteps(ctx);
    }

    /** The plan for findings of a snapshot whose facts are not at hand (they are answered here). */
    public List<Step> plan(HostSnapshot s, List<Finding> findings) {
        return plan(s, Facts.of(s), findings);
    }

    public List<Step> plan(HostSnapshot s, Facts facts, List<Finding> findings) {
        Set<String> wanted = new LinkedHashSet<>();
        findings.forEach(f -> wanted.addAll(f.steps()));
        boolean rootNotRight = RootVerdict.rootNotRight(s, findings);
        List<Step> out = new ArrayList<>();
        for (String wire : wanted) {
            Optional<StepId> id = StepId.parse(wire);
            // steps on the live root's containers wait while that root is the wrong one (compose-up would do harm)
            if (id.isEmpty() || (rootNotRight && id.get().family().has(Effect.WAITS_FOR_ROOT))) continue;
            build(id.get(), s, facts).ifPresent(out::add);
        }
        out.sort(Comparator.comparingInt(st -> StepId.rank(st.id())));
        return out;
    }

    /** The builder of each family: the compiler holds every family to one (no default). */
    Optional<Step> build(StepId id, HostSnapshot s, Facts facts) {
        return switch (id.family()) {
            case RESTORE_DATA_ROOT -> restoreDataRoot(s, facts);
            case ENABLE_LIVE_RESTORE -> s.config().daemonJsonError() != null ? Optional.empty() : Optional.of(enableLiveRestore(s));
            case MOUNT_DATA_ROOT_DISK -> mountDataRootDisk(s, facts);
            case RESTORE_STORAGE_DRIVER -> restoreStorageDriver(s, facts);
            case SWITCH_IMAGE_STORE -> switchImageStore(s);
            case COMPOSE_UP -> ComposeSteps.up(id.parameter(), s, ctx);
            // a start with a file dockerd refuses fails again the same way: fix the file first
            case START_DOCKER -> dev.dockerdoctor.diagnosis.rules.DaemonJsonInvalidRule.wouldRefuse(s) ? Optional.empty()
                    : Optional.of(new Step(StepFamily.START_DOCKER.id(), "Start Docker",
                    "Starts the Docker daemon, which is installed but not running.",
                    List.of(ctx.on(s.config().install()).dockerStart()), List.of(), true, null));
            case ENABLE_LINGER -> enableLinger(s, id.parameter());
            case RESTART_CONTAINER -> health.restartContainer(s, id.parameter());
            case PRUNE_DOCKER -> health.prune(s, id.parameter());
            case HOLD_DOCKER_PACKAGES -> PreventionSteps.hold(s);
            // apt's prevention on an RPM or snap host would fail or, worse, seem to work: that host gets its own or none
            case BLACKLIST_DOCKER_UPGRADES -> s.config().install().hasAptUpgrades() ? Optional.of(PreventionSteps.blacklist()) : Optional.empty();
            case DISABLE_APT_DAILY_UPGRADE -> s.config().install().hasAptUpgrades() ? Optional.of(PreventionSteps.disableAptDailyUpgrade()) : Optional.empty();
        };
    }

    /** Lingering for a user whose rootless Docker has none: its manager, and Docker with it, then runs from boot. */
    private static Optional<Step> enableLinger(HostSnapshot s, String user) {
        return s.config().rootless().stream().filter(r -> r.user().equals(user) && !r.lingering()).findFirst()
                .map(r -> new Step(StepFamily.ENABLE_LINGER.with(user), StepFamily.ENABLE_LINGER.label(user),
                        "Runs `loginctl enable-linger " + user + "`: systemd starts " + user + "'s user manager now and"
                                + " at every boot, so the rootless Docker (its enabled user unit " + r.unit() + ") starts"
                                + " without a login and survives the last logout. Trade-off: " + user + "'s other"
                                + " enabled user units run all the time too. Undo with `loginctl disable-linger " + user + "`.",
                        List.of(List.of("loginctl", "enable-linger", user)), List.of(), true, null));
    }

    /** A unit flag that sets a root: while it does, daemon.json must not (dockerd would refuse to start). */
    public static Optional<RootSetting> blockingFlag(HostSnapshot s) {
        return s.config().effectiveConfiguredRoots().stream().filter(r -> r.kind().isFlagSource()).findFirst();
    }

    private Optional<Step> restoreDataRoot(HostSnapshot s, Facts facts) {
        Optional<String> target = facts.restoreTarget();
        // a flag in a unit would conflict with daemon.json; a corrupt daemon.json cannot be edited keeping its keys
        if (target.isEmpty() || blockingFlag(s).isPresent() || s.config().daemonJsonError() != null) return Optional.empty();
        String file = s.config().daemonJsonPath();
        List<FileChange> changes = new ArrayList<>();
        Object current = s.config().daemonJson().get("data-root");
        if (!Paths2.same(current == null ? null : current.toString(), target.get())) {
            changes.add(new FileChange(file, "data-root", current == null ? null : current.toString(), target.get()));
        }
        Object graph = s.config().daemonJson().get("graph");
        if (graph != null) changes.add(new FileChange(file, "graph", graph.toString(), null));
        String detail = "Sets \"data-root\": \"" + target.get() + "\" in " + file
                + " (every other key kept, a backup written first), then restarts Docker so it uses the root that holds"
                + " the containers. Containers with a restart policy come back by themselves.";
        return Optional.of(new Step(StepFamily.RESTORE_DATA_ROOT.id(), "Point Docker back at " + target.get(), detail,
                List.of(ctx.on(s.config().install()).dockerRestart()), changes, true,
                "Restarts Docker: every running container stops and starts again."));
    }

    private Optional<Step> mountDataRootDisk(HostSnapshot s, Facts facts) {
        return facts.unmountedDisk().map(disk -> new Step(StepFamily.MOUNT_DATA_ROOT_DISK.id(),
                "Mount " + disk.target() + ", then restart Docker",
                "Mounts " + disk.source() + " on " + disk.target() + " as /etc/fstab says, then restarts Docker so that it"
                        + " uses the data root on that disk instead of the empty folder under it.",
                List.of(List.of("mount", disk.target()), ctx.on(s.config().install()).dockerRestart()), List.of(), true,
                "Restarts Docker: every running container stops and starts again."));
    }

    private Optional<Step> restoreStorageDriver(HostSnapshot s, Facts facts) {
        Optional<String> former = facts.formerDriver();
        boolean flagSetsDriver = dev.dockerdoctor.parse.DockerdFlags.storageDriver(
                dev.dockerdoctor.parse.SystemdUnitParser.argv(s.config().effectiveExecStart())).isPresent();
        if (former.isEmpty() || flagSetsDriver || s.config().daemonJsonError() != null) return Optional.empty();
        String file = s.config().daemonJsonPath();
        Object current = s.config().daemonJson().get("storage-driver");
        return Optional.of(new Step(StepFamily.RESTORE_STORAGE_DRIVER.id(), "Switch Docker back to the " + former.get() + " storage driver",
                "Sets \"storage-driver\": \"" + former.get() + "\" in " + file + " (every other key kept, a backup written"
                        + " first), then restarts Docker so it sees the images and containers made with that driver.",
                List.of(ctx.on(s.config().install()).dockerRestart()),
                List.of(new FileChange(file, "storage-driver", current == null ? null : current.toString(), former.get())),
                true, "Restarts Docker: every running container stops and starts again."));
    }

    private Optional<Step> switchImageStore(HostSnapshot s) {
        if (s.config().daemonJsonError() != null || !s.daemon().reachable() || s.daemon().imageStore() == null) return Optional.empty();
        boolean back = !s.daemon().containerdStore(); // true: back to containerd's store
        String file = s.config().daemonJsonPath();
        String key = "features." + dev.dockerdoctor.diagnosis.rules.ContainerdImageStoreSwitchedRule.FEATURE;
        Object current = dev.dockerdoctor.diagnosis.rules.ContainerdImageStoreSwitchedRule.configured(s).orElse(null);
        String store = back ? "containerd image store" : "classic image store";
        return Optional.of(new Step(StepFamily.SWITCH_IMAGE_STORE.id(), "Switch Docker back to the " + store,
                "Sets \"features\": {\"containerd-snapshotter\": " + back + "} in " + file + " (every other key kept, a"
                        + " backup written first), then restarts Docker so it shows the containers and images of the "
                        + store + " again.",
                List.of(ctx.on(s.config().install()).dockerRestart()),
                List.of(new FileChange(file, key, current == null ? null : current.toString(), Boolean.toString(back))),
                true, "Restarts Docker: every running container stops and starts again."));
    }

    private Step enableLiveRestore(HostSnapshot s) {
        String file = s.config().daemonJsonPath();
        Object current = s.config().daemonJson().get("live-restore");
        List<List<String>> argv = s.config().targetProcess()
                .map(p -> List.of(List.of("kill", "-s", "HUP", Long.toString(p.pid()))))
                .orElse(List.of());
        String detail = "Sets \"live-restore\": true in " + file + ", then asks the running dockerd to reload its"
                + " configuration (SIGHUP; no restart). With it, containers keep running while dockerd or containerd"
                + " restart, as they do during a package upgrade.";
        return new Step(StepFamily.ENABLE_LIVE_RESTORE.id(), "Keep containers running when Docker restarts", detail, argv,
                List.of(new FileChange(file, "live-restore", current == null ? null : current.toString(), "true")),
                true, null);
    }
}
