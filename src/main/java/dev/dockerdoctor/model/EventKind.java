package dev.dockerdoctor.model;

import java.util.Locale;

/** What a log line tells about Docker's life. The wire names are public (JSON {@code events[].kind}). */
public enum EventKind {
    APT_DAILY_UPGRADE_START,
    APT_DAILY_UPGRADE_END,
    /** The RPM family's unattended upgrade: systemd starting dnf-automatic-install (or dnf-automatic) and ending it. */
    DNF_AUTOMATIC_START,
    DNF_AUTOMATIC_END,
    PACKAGE_UPGRADE,
    /** A Docker-family package newly installed (dpkg {@code install}, apt {@code Install:}). */
    PACKAGE_INSTALL,
    /** A Docker-family package removed or purged. */
    PACKAGE_REMOVE,
    CONTAINERD_STOP,
    CONTAINERD_START,
    DOCKER_STOP,
    DOCKER_START,
    /** dockerd logged "Starting up": a new process, whatever started it. */
    DOCKERD_STARTING,
    /** dockerd's "Processing signal 'terminated'". */
    DOCKERD_TERMINATED,
    /** dockerd's "Docker daemon" line, naming its storage driver. */
    DOCKERD_READY,
    /** dockerd refused to start on its daemon.json ("unable to configure the Docker daemon with file ..."). */
    DOCKERD_CONFIG_REFUSED,
    /** dockerd lost containerd under it ("transport is closing"). */
    CONTAINERD_LOST,
    /** systemd's "Reloading.": units were re-read, often by a package script. */
    SYSTEMD_RELOAD;

    /** The start of an unattended upgrade run, whichever tool runs it. */
    public boolean startsUnattendedRun() { return this == APT_DAILY_UPGRADE_START || this == DNF_AUTOMATIC_START; }

    /** The end of an unattended upgrade run. */
    public boolean endsUnattendedRun() { return this == APT_DAILY_UPGRADE_END || this == DNF_AUTOMATIC_END; }

    public String wire() { return name().toLowerCase(Locale.ROOT).replace('_', '-'); }
}
