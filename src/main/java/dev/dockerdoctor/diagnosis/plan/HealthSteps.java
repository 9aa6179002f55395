package dev.dockerdoctor.diagnosis.plan;

import dev.dockerdoctor.diagnosis.facts.Bytes;
import dev.dockerdoctor.diagnosis.facts.ContainerHealth;
import dev.dockerdoctor.model.ContainerInfo;
import dev.dockerdoctor.model.DiskUsage;
import dev.dockerdoctor.model.HostSnapshot;
import dev.dockerdoctor.model.Step;
import dev.dockerdoctor.model.StepFamily;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the everyday-health steps: {@code restart-container:<name>} and {@code prune-docker:<what>}. Both are
 * checked again against the snapshot they are built from, so a button pressed later (re-planned at click time) does
 * only what is still true: no restart of a container that is looping or gone, no prune of what is not there, and
 * never a volume prune.
 */
final class HealthSteps {
    /** Confirm dialogs hold 300 characters; a warning longer than this names fewer items. */
    static final int WARNING_CHARS = 300;

    private final PlanContext ctx;

    HealthSteps(PlanContext ctx) {
        this.ctx = ctx;
    }

    Optional<Step> restartContainer(HostSnapshot s, String name) {
        if (name == null || name.isBlank()) return Optional.empty();
        Optional<ContainerInfo> found = ContainerHealth.byName(s, name);
        // a loop is not fixed by a restart; its finding shows the log instead
        if (found.isEmpty() || ContainerHealth.isLooping(found.get(), s)) return Optional.empty();
        ContainerInfo c = found.get();
        String what = "unhealthy".equals(c.health()) ? "which fails its health check"
                : Boolean.TRUE.equals(c.oomKilled()) ? "which was killed for running out of memory" : "";
        return Optional.of(new Step(StepFamily.RESTART_CONTAINER.with(name), "Restart container " + name,
                "Restarts " + ContainerHealth.label(c) + (what.isEmpty() ? "" : ", " + what) + ". Its volumes and"
                        + " settings stay as they are; only its processes stop and start again.",
                List.of(cli("restart", name)), List.of(), true,
                "Stops and starts container " + name + ": what it is doing now is interrupted. Its data in volumes is"
                        + " kept. If the problem comes back, a restart was not the fix."));
    }

    Optional<Step> prune(HostSnapshot s, String what) {
        // volumes hold the services' data: never pruned, whatever a button asks for
        if (what == null || s.diskUsage() == null) return Optional.empty();
        Optional<DiskUsage.Category> cat = s.diskUsage().prunable(what);
        if (cat.isEmpty() || cat.get().reclaimableBytes() <= 0) return Optional.empty();
        DiskUsage.Category c = cat.get();
        String size = Bytes.human(c.reclaimableBytes());
        return switch (what) {
            case DiskUsage.IMAGES -> Optional.of(step(what, "Delete " + c.reclaimableCount() + " dangling "
                            + plural(c.reclaimableCount(), "image") + " (frees about " + size + ")",
                    "Deletes the images that have no tag and that no container uses (old versions left behind by pulls"
                            + " and builds). Tagged images, containers and volumes are not touched.",
                    cli("image", "prune", "-f"),
                    "Deletes " + c.reclaimableCount() + " dangling " + plural(c.reclaimableCount(), "image")
                            + " (" + size + ")", c, ". Tagged images, containers and volumes are kept."));
            case DiskUsage.CONTAINERS -> Optional.of(step(what, "Delete " + c.reclaimableCount() + " stopped "
                            + plural(c.reclaimableCount(), "container") + " (frees about " + size + ")",
                    "Deletes every container that is not running, with its writable layer (files written inside"
                            + " it, outside volumes). Named volumes and images are kept; compose can create the"
                            + " containers again.",
                    cli("container", "prune", "-f"),
                    "Deletes " + c.reclaimableCount() + " stopped " + plural(c.reclaimableCount(), "container")
                            + " and files written inside them (" + size + ")", c, ". Volumes and images are kept."));
            case DiskUsage.BUILD_CACHE -> Optional.of(step(what, "Delete unused build cache (frees about " + size + ")",
                    "Deletes BuildKit's build cache that no build is using. The next build of an image takes"
                            + " longer. Images, containers and volumes are not touched.",
                    cli("builder", "prune", "-f"),
                    "Deletes " + c.reclaimableCount() + " unused build cache "
                            + plural(c.reclaimableCount(), "entry", "entries") + " (" + size + ")", c,
                    ". Images, containers and volumes are kept."));
            default -> Optional.empty();
        };
    }

    private Step step(String what, String title, String detail, List<String> argv, String warningHead,
                      DiskUsage.Category c, String warningTail) {
        return new Step(StepFamily.PRUNE_DOCKER.with(what), title, detail, List.of(argv), List.of(), true,
                warning(warningHead, c, warningTail));
    }

    /** "Deletes 3 dangling images (1.2 GiB): a, b, c. Tagged images... are kept." naming as many as fit. */
    static String warning(String head, DiskUsage.Category c, String tail) {
        List<String> names = c.reclaimable().stream().map(DiskUsage.Item::name).toList();
        for (int shown = names.size(); shown >= 0; shown--) {
            String list = shown == 0 ? "" : ": " + String.join(", ", names.subList(0, shown))
                    + (shown < names.size() ? " and " + (names.size() - shown) + " more" : "");
            String w = head + list + tail;
            if (w.length() <= WARNING_CHARS) return w;
        }
        return head + tail;
    }

    private List<String> cli(String... args) {
        List<String> argv = new ArrayList<>(ctx.dockerCli());
        argv.addAll(List.of(args));
        return argv;
    }

    private static String plural(int n, String one) {
        return plural(n, one, one + "s");
    }

    private static String plural(int n, String one, String many) {
        return n == 1 ? one : many;
    }
}
