package dev.dockerdoctor.diagnosis.plan;

import dev.dockerdoctor.model.EventKind;
import dev.dockerdoctor.model.FileChange;
import dev.dockerdoctor.model.HostSnapshot;
import dev.dockerdoctor.model.Install;
import dev.dockerdoctor.model.LogEvent;
import dev.dockerdoctor.model.Step;
import dev.dockerdoctor.model.StepFamily;
import dev.dockerdoctor.parse.logs.DockerPackages;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Steps that keep an unattended upgrade from restarting Docker again, each with its trade-off said plainly. In
 * order of preference: hold the packages, keep them out of unattended upgrades, and only as a last resort stop the
 * daily upgrade altogether (which stops every security update).
 */
public final class PreventionSteps {
    public static final String BLACKLIST_FILE = "/etc/apt/apt.conf.d/51docker-doctor-blacklist";
    public static final String BLACKLIST_KEY = "Unattended-Upgrade::Package-Blacklist";
    public static final String UPGRADE_TIMER = "apt-daily-upgrade.timer";

    private PreventionSteps() {
    }

    /**
     * Docker-family packages the logs show installed (upgraded or installed, and not removed since), in a stable
     * order. Only these can be held: {@code apt-mark hold} fails on a package apt does not know.
     */
    public static List<String> seenInstalled(HostSnapshot s) {
        Map<String, Boolean> installed = new LinkedHashMap<>();
        for (LogEvent e : s.events()) {
            if (e.pkg() == null || !DockerPackages.isDockerFamily(e.pkg())) continue;
            if (e.kind() == EventKind.PACKAGE_UPGRADE || e.kind() == EventKind.PACKAGE_INSTALL) installed.put(e.pkg(), true);
            else if (e.kind() == EventKind.PACKAGE_REMOVE) installed.put(e.pkg(), false);
        }
        List<String> out = new ArrayList<>();
        for (String n : DockerPackages.NAMES) {
            if (Boolean.TRUE.equals(installed.get(n))) out.add(n);
        }
        installed.forEach((n, in) -> {
            if (in && !out.contains(n)) out.add(n);
        });
        return out;
    }

    public static Optional<Step> hold(HostSnapshot s) {
        if (s.config().install() == Install.SNAP) return Optional.of(holdSnap());
        List<String> pkgs = seenInstalled(s);
        if (pkgs.isEmpty()) return Optional.empty();
        if (s.config().install() == Install.RPM) return Optional.of(versionlock(pkgs));
        List<String> argv = new ArrayList<>(List.of("apt-mark", "hold"));
        argv.addAll(pkgs);
        String names = String.join(" ", pkgs);
        String detail = "Marks " + names + " as held: apt, unattended or by hand, leaves them at their installed versions"
                + " until `apt-mark unhold " + names + "`. Trade-off: Docker's own security fixes wait too; upgrade on"
                + " purpose, at a time when a Docker restart is fine (unhold, `apt-get install --only-upgrade " + names
                + "`, hold again).";
        return Optional.of(new Step(StepFamily.HOLD_DOCKER_PACKAGES.id(), "Hold the Docker packages at their versions", detail,
                List.of(argv), List.of(), true,
                "Docker's security updates stop too until you unhold these packages."));
    }

    /** The snap's hold: snapd refreshes it no more until asked ({@code --hold} without a time holds for good). */
    static Step holdSnap() {
        String detail = "Holds the docker snap's automatic refreshes (`snap refresh --hold " + Install.SNAP_NAME + "`), so"
                + " snapd no longer replaces and restarts Docker on its own schedule; other snaps still refresh. Trade-off:"
                + " Docker's own fixes wait too; refresh on purpose when a restart is fine (`snap refresh "
                + Install.SNAP_NAME + "`). Undo with `snap refresh --unhold " + Install.SNAP_NAME + "`.";
        return new Step(StepFamily.HOLD_DOCKER_PACKAGES.id(), "Hold the docker snap's refreshes", detail,
                List.of(List.of("snap", "refresh", "--hold", Install.SNAP_NAME)), List.of(), true,
                "Docker's security updates stop too until you unhold the snap.");
    }

    /**
     * The RPM family's hold: {@code dnf versionlock add} (the python3-dnf-plugin-versionlock package; dnf-automatic
     * and yum-cron honour it too).
     */
    static Step versionlock(List<String> pkgs) {
        List<String> argv = new ArrayList<>(List.of("dnf", "versionlock", "add"));
        argv.addAll(pkgs);
        String names = String.join(" ", pkgs);
        String detail = "Locks " + names + " at their installed versions with dnf's versionlock plugin (install"
                + " python3-dnf-plugin-versionlock first if dnf does not know the command): dnf-automatic and dnf by hand"
                + " leave them alone until `dnf versionlock delete " + names + "`. Trade-off: Docker's own security fixes"
                + " wait too; upgrade on purpose when a Docker restart is fine. (dnf-automatic's `exclude=` in"
                + " /etc/dnf/automatic.conf does the same for the unattended runs only.)";
        return new Step(StepFamily.HOLD_DOCKER_PACKAGES.id(), "Lock the Docker packages at their versions", detail,
                List.of(argv), List.of(), true, "Docker's security updates stop too until you delete the lock.");
    }

    /** Entries for the blacklist. unattended-upgrades matches them as a prefix (older versions: as a glob). */
    public static List<String> blacklistEntries() {
        List<String> out = new ArrayList<>(DockerPackages.NAMES);
        out.add(DockerPackages.MOBY_PREFIX + "*");
        return out;
    }

    /** The whole file the blacklist step writes (apt.conf syntax; apt merges this list with the others). */
    public static String blacklistFileText() {
        StringBuilder b = new StringBuilder();
        b.append("// Written by docker-doctor: keep Docker, containerd and runc out of unattended upgrades,\n");
        b.append("// whose package scripts restart Docker (and every container) without warning.\n");
        b.append("// Upgrade them by hand when a restart suits you. Delete this file to undo.\n");
        b.append(BLACKLIST_KEY).append(" {\n");
        for (String e : blacklistEntries()) b.append("    \"").append(e).append("\";\n");
        b.append("};\n");
        return b.toString();
    }

    public static Step blacklist() {
        String value = String.join(" ", blacklistEntries().stream().map(e -> "\"" + e + "\";").toList());
        String detail = "Writes " + BLACKLIST_FILE + " with " + BLACKLIST_KEY + " entries for "
                + String.join(", ", blacklistEntries()) + ", so the daily unattended upgrade leaves Docker alone while"
                + " every other security update still installs. Trade-off: Docker's own fixes arrive only when someone"
                + " upgrades by hand (`apt upgrade` still upgrades them). Delete the file to undo.";
        return new Step(StepFamily.BLACKLIST_DOCKER_UPGRADES.id(), "Keep Docker out of unattended upgrades", detail, List.of(),
                List.of(new FileChange(BLACKLIST_FILE, BLACKLIST_KEY, null, value, blacklistFileText())), true, null);
    }

    public static Step disableAptDailyUpgrade() {
        String detail = "Stops and disables " + UPGRADE_TIMER + ", so no unattended upgrade runs at all. Last resort:"
                + " it stops every automatic security update on this host, not only Docker's. Holding or blacklisting"
                + " the Docker packages (above) prevents the restart without that cost. Undo with"
                + " `systemctl enable --now " + UPGRADE_TIMER + "`.";
        return new Step(StepFamily.DISABLE_APT_DAILY_UPGRADE.id(), "Turn off the daily unattended upgrade (last resort)", detail,
                List.of(List.of("systemctl", "disable", "--now", UPGRADE_TIMER)), List.of(), true,
                "This stops ALL automatic security updates on this host, not only Docker's.");
    }
}
