package dev.dockerdoctor.diagnosis.rules;

import dev.dockerdoctor.diagnosis.facts.Facts;
import dev.dockerdoctor.model.ContainerInfo;
import dev.dockerdoctor.model.DaemonState;
import dev.dockerdoctor.model.DataRoot;
import dev.dockerdoctor.model.DiskContainer;
import dev.dockerdoctor.model.Evidence;
import dev.dockerdoctor.model.Finding;
import dev.dockerdoctor.model.HostSnapshot;
import dev.dockerdoctor.model.Severity;
import dev.dockerdoctor.model.StepFamily;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code containerd-image-store-switched}: the daemon uses one image store while the other, on the same root, holds
 * containers and images it no longer shows. Docker 29 uses containerd's store on fresh installs and a
 * {@code "features": {"containerd-snapshotter": true}} turns it on for an existing one: every container and image of
 * the classic store then vanishes from {@code docker ps -a} and {@code docker images}, though all of it is still on
 * disk, and the same happens the other way round. Critical while the daemon shows no container at all (the outage);
 * a warning when it runs containers of its own (a move to the other store under way, the old ones left behind).
 */
public final class ContainerdImageStoreSwitchedRule implements Rule {
    public static final String ID = "containerd-image-store-switched";
    /** The daemon.json key that picks the store (Docker 24 to 29). */
    public static final String FEATURE = "containerd-snapshotter";

    @Override
    public String id() { return ID; }

    @Override
    public Set<FindingTrait> traits() {
        return EnumSet.of(FindingTrait.ROOT_NOT_RIGHT, FindingTrait.DISQUALIFIES_LAST_KNOWN_GOOD, FindingTrait.ROOT_VIEW);
    }

    @Override
    public List<Finding> check(HostSnapshot s, Facts facts) {
        DaemonState d = s.daemon();
        if (!d.reachable() || d.imageStore() == null) return List.of();
        Optional<DataRoot> activeRoot = s.activeRoot();
        if (activeRoot.isEmpty()) return List.of();
        DataRoot live = activeRoot.get();
        Set<String> listed = d.containerList().stream().map(ContainerInfo::id).collect(Collectors.toSet());
        boolean containerdNow = d.containerdStore();
        List<DiskContainer> hidden = (containerdNow ? live.classicContainers() : live.containerdContainers()).stream()
                .filter(c -> !listed.contains(c.id())).toList();
        int otherImages = containerdNow ? live.images() : live.containerdImages();
        int shownImages = d.images() == null ? 0 : d.images();
        if (hidden.isEmpty() && (otherImages == 0 || shownImages > 0)) return List.of();

        String now = containerdNow ? "containerd's image store" : "the classic image store (graph driver " + d.storageDriver() + ")";
        String other = containerdNow ? "the classic store" : "containerd's store";
        List<Evidence> ev = new ArrayList<>();
        ev.add(new Evidence("daemon", "image store " + (containerdNow ? "containerd (DriverStatus driver-type"
                + " io.containerd.snapshotter.v1)" : "classic, driver " + d.storageDriver()) + ", " + d.containers()
                + " containers, " + shownImages + " images"));
        if (containerdNow) {
            live.imagesByDriver().forEach((drv, n) -> ev.add(new Evidence(live.path() + "/image/" + drv, n + " images of the classic store")));
        } else {
            ev.add(new Evidence(live.path() + "/containerd", otherImages + " images in containerd's store"));
        }
        if (!hidden.isEmpty()) {
            ev.add(new Evidence(live.path() + "/containers", hidden.size() + " containers made for " + other + ", not shown: "
                    + hidden.stream().limit(5).map(c -> c.name() == null ? c.id().substring(0, 12) : c.name())
                    .collect(Collectors.joining(", ")) + (hidden.size() > 5 ? " and " + (hidden.size() - 5) + " more" : "")));
        }
        configured(s).ifPresent(v -> ev.add(new Evidence(s.config().daemonJsonPath(), "features." + FEATURE + " = " + v)));
        if (containerdNow && configured(s).isEmpty()) {
            ev.add(new Evidence(s.config().daemonJsonPath(), "no features." + FEATURE + ": this Docker uses the containerd store by default"));
        }

        boolean outage = d.containers() == null || d.containers() == 0;
        String counts = hidden.size() + (hidden.size() == 1 ? " container" : " containers") + " and " + otherImages
                + (otherImages == 1 ? " image" : " images");
        String title = "Docker switched to " + (containerdNow ? "the containerd image store" : "the classic image store")
                + ": " + counts + " of " + other + " are hidden (still on disk)";
        String detail = "dockerd on " + live.path() + " uses " + now + ", while " + counts + " on this root belong to "
                + other + ". Docker shows none of them, but they still exist on disk. Switching back (\"features\": {\""
                + FEATURE + "\": " + !containerdNow + "} in daemon.json, every other key kept) and restarting Docker shows"
                + " them again. Trade-off: " + (containerdNow
                ? "images pulled or built since the switch live in containerd's store and are hidden in turn until you"
                + " switch again; to move to the containerd store for good, switch back, then re-create the containers"
                + " (compose up after a `docker compose pull`) once on the new store, and remove the old ones."
                : "containers and images made with the classic store since are hidden in turn.")
                + (containerdNow ? " Moving data-root later does not move a system containerd's store in"
                + " /var/lib/containerd." : "");
        return List.of(new Finding(ID, outage ? Severity.CRITICAL : Severity.WARNING, title, detail, ev,
                List.of(StepFamily.SWITCH_IMAGE_STORE.id())));
    }

    /** What daemon.json says of the store, if it says anything. */
    public static Optional<Object> configured(HostSnapshot s) {
        Object features = s.config().daemonJson().get("features");
        if (!(features instanceof Map<?, ?> m) || !m.containsKey(FEATURE)) return Optional.empty();
        return Optional.ofNullable(m.get(FEATURE));
    }
}
