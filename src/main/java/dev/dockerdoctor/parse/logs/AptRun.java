package dev.dockerdoctor.parse.logs;

import java.time.LocalDateTime;
import java.util.List;

/**
 * One block of {@code /var/log/apt/history.log}: {@code Start-Date} to {@code End-Date} (local time; end is null
 * when the block was cut), the command line, who asked for it, and what it changed. {@code lines} are the block's
 * raw lines, for quoting as evidence.
 */
public record AptRun(LocalDateTime start, LocalDateTime end, String commandline, String requestedBy,
                     List<PackageChange> changes, String error, List<String> lines) {
    public AptRun {
        changes = List.copyOf(changes);
        lines = List.copyOf(lines);
    }

    /** Run by unattended-upgrades (the daily timer) rather than by a person. */
    public boolean unattended() {
        return commandline != null && commandline.contains("unattended-upgrade");
    }
}
