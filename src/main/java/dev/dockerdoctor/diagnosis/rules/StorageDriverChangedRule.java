package dev.dockerdoctor.diagnosis.rules;

import dev.dockerdoctor.diagnosis.facts.Facts;
import dev.dockerdoctor.model.DataRoot;
import dev.dockerdoctor.model.Evidence;
import dev.dockerdoctor.model.Finding;
import dev.dockerdoctor.model.HostSnapshot;
import dev.dockerdoctor.model.Severity;
import dev.dockerdoctor.model.StepFamily;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code storage-driver-changed}: the daemon runs on the right root but with another storage driver than the one its
 * images and containers were made with (moby/moby#15651, #38194), so it shows none of them.
 */
public final class StorageDriverChangedRule implements Rule {
    public static final String ID = "storage-driver-changed";

    @Override
    public String id() { return ID; }

    @Override
    public Set<FindingTrait> traits() {
        return EnumSet.of(FindingTrait.ROOT_NOT_RIGHT,
                FindingTrait.DISQUALIFIES_LAST_KNOWN_GOOD, FindingTrait.ROOT_VIEW);
    }

    @Override
    public List<Finding> check(HostSnapshot s, Facts facts) {
        Optional<String> former = facts.formerDriver();
        if (former.isEmpty()) return List.of();
        DataRoot live = s.activeRoot().orElseThrow();
        String now = s.daemon().storageDriver();
        List<Evidence> ev = new ArrayList<>();
        ev.add(new Evidence("daemon", "storage driver " + now + ", " + s.daemon().images() + " images, "
                + s.daemon().containers() + " containers"));
        live.imagesByDriver().forEach((d, n) -> ev.add(new Evidence(live.path() + "/image/" + d, n + " images")));
        if (s.lastKnownGood() != null && s.lastKnownGood().storageDriver() != null) {
            ev.add(new Evidence("last known good", "storage driver " + s.lastKnownGood().storageDriver()));
        }
        Object configured = s.config().daemonJson().get("storage-driver");
        if (configured != null) ev.add(new Evidence(s.config().daemonJsonPath(), "storage-driver = " + configured));
        String detail = "Docker runs on " + live.path() + " with the " + now + " storage driver, but its images and"
                + " containers there were made with " + former.get() + ", so it shows none of them. The data is still"
                + " on disk. Set \"storage-driver\": \"" + former.get() + "\" and restart Docker.";
        return List.of(new Finding(ID, Severity.CRITICAL, "Docker's storage driver changed from " + former.get()
                + " to " + now, detail, ev, List.of(StepFamily.RESTORE_STORAGE_DRIVER.id())));
    }
}
