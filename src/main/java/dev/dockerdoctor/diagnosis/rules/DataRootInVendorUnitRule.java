package dev.dockerdoctor.diagnosis.rules;

import dev.dockerdoctor.diagnosis.facts.DataRoots;
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
 * {@code data-root-in-vendor-unit}: the data root is set by a flag in /lib/systemd/system/docker.service, the file
 * that every docker package upgrade overwrites. That is how the story's outage began.
 */
public final class DataRootInVendorUnitRule implements Rule {
    public static final String ID = "data-root-in-vendor-unit";

    @Override
    public String id() { return ID; }

    @Override
    public Set<FindingTrait> traits() { return EnumSet.of(FindingTrait.ROOT_VIEW); }

    @Override
    public List<Finding> check(HostSnapshot s, Facts facts) {
        List<RootSetting> inVendor = s.config().rootSettings().stream()
                .filter(r -> r.kind() == RootSetting.Kind.VENDOR_UNIT).toList();
        if (inVendor.isEmpty()) return List.of();
        RootSetting r = inVendor.get(0);
        String detail = "The data root " + r.value() + " is set with " + r.key() + " in " + r.file()
                + ", which the next docker package upgrade replaces: Docker would then come back on "
                + s.config().install().defaultRoot() + " and every container would seem gone. Move it: remove the flag from "
                + r.file() + " and set \"data-root\": \"" + r.value() + "\" in " + s.config().daemonJsonPath()
                + " (never both: dockerd refuses to start), then `systemctl daemon-reload`.";
        return List.of(new Finding(ID, Severity.WARNING, "The data root is set in the vendor unit file, which upgrades overwrite",
                detail, inVendor.stream().map(x -> new Evidence(x.file(), "ExecStart sets " + x.key() + " " + x.value())).toList(),
                List.of()));
    }
}
