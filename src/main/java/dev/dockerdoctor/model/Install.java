package dev.dockerdoctor.model;

/**
 * How the host's Docker is installed, said once: where dockerd reads its daemon.json, which root it uses when none
 * is configured, what upgrades it unattended and how that is prevented. Rootless daemons are per user and apart
 * ({@link RootlessDaemon}).
 */
public enum Install {
    /** Debian and Ubuntu packages (docker.io, docker-ce), upgraded by unattended-upgrades. */
    DEB("docker", "/etc/docker/daemon.json", "/var/lib/docker", "/lib/systemd/system/docker.service",
            "the daily unattended upgrade (apt-daily-upgrade)",
            "To prevent it: hold the Docker packages or keep them out of unattended upgrades, and upgrade Docker by"
                    + " hand when a restart suits you. Turning off apt-daily-upgrade.timer also prevents it but stops"
                    + " every security update."),
    /** RHEL, Rocky, Alma, Fedora, Amazon Linux, Photon: dnf (yum, tdnf) packages, upgraded by dnf-automatic or yum-cron. */
    RPM("docker", "/etc/docker/daemon.json", "/var/lib/docker", "/usr/lib/systemd/system/docker.service",
            "dnf-automatic",
            "To prevent it: lock the Docker packages (`dnf versionlock add`) or exclude them from dnf-automatic"
                    + " (`exclude=` in /etc/dnf/automatic.conf), and upgrade Docker by hand when a restart suits you."
                    + " Turning off dnf-automatic.timer also prevents it but stops every security update."),
    /** Canonical's docker snap: its own paths, and snapd refreshes it (and restarts dockerd) on its own schedule. */
    SNAP("snap.docker.dockerd", "/var/snap/docker/current/config/daemon.json", "/var/snap/docker/common/var-lib-docker",
            "/etc/systemd/system/snap.docker.dockerd.service",
            "a snap refresh (snapd)",
            "To prevent it: hold the snap's refreshes (`snap refresh --hold docker`) and refresh it by hand when a"
                    + " restart suits you (`snap refresh docker`); apt's holds do not reach a snap.");

    /** The snap's name, as snapd and its systemd units spell it. */
    public static final String SNAP_NAME = "docker";

    private final String unit;
    private final String daemonJson;
    private final String defaultRoot;
    private final String vendorUnit;
    private final String unattendedUpgrader;
    private final String prevention;

    Install(String unit, String daemonJson, String defaultRoot, String vendorUnit, String unattendedUpgrader,
            String prevention) {
        this.unit = unit;
        this.daemonJson = daemonJson;
        this.defaultRoot = defaultRoot;
        this.vendorUnit = vendorUnit;
        this.unattendedUpgrader = unattendedUpgrader;
        this.prevention = prevention;
    }

    /** The systemd unit that runs dockerd, as systemctl takes it. */
    public String unit() { return unit; }

    /** Where dockerd reads its configuration unless started with {@code --config-file}. */
    public String daemonJson() { return daemonJson; }

    /** The root dockerd uses when nothing configures one: where it lands when the setting is lost. */
    public String defaultRoot() { return defaultRoot; }

    /** The unit file the package (or snapd) owns and an upgrade may replace. */
    public String vendorUnit() { return vendorUnit; }

    /** What upgrades Docker without anyone asking, in words. */
    public String unattendedUpgrader() { return unattendedUpgrader; }

    /** How to keep that from restarting Docker again, with its trade-off, in words. */
    public String prevention() { return prevention; }

    /** Only Debian and Ubuntu have apt's unattended upgrades to blacklist Docker from or switch off. */
    public boolean hasAptUpgrades() { return this == DEB; }
}
