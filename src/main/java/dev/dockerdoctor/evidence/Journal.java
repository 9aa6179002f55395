package dev.dockerdoctor.evidence;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/**
 * The port to the systemd journal: the entries of a journal directory between two times, for the units Docker's
 * story involves, as {@code journalctl -o json} lines, newest first. Never throws, never hangs: what went wrong comes
 * back as problems.
 */
public interface Journal {

    /** The units whose entries matter (and systemd's "Reloading."). */
    List<String> UNITS = List.of("docker.service", "docker.socket", "containerd.service", "snap.docker.dockerd.service",
            "apt-daily-upgrade.service", "apt-daily.service", "unattended-upgrades.service",
            "dnf-automatic-install.service", "dnf-automatic.service");

    /**
     * Streams JSON lines to {@code lines} until it returns false or the entries end.
     *
     * @return problems (journalctl missing, timed out, failed), empty when all went well
     */
    List<String> read(Path directory, Instant since, Instant until, Predicate<String> lines);
}
