package dev.dockerdoctor.model;

import java.util.List;

/**
 * A systemd unit file for docker.service, or a drop-in. {@code execStart} holds the ExecStart= values in file order,
 * continuation lines joined; an empty value is systemd's reset ("ExecStart=" clears the list).
 */
public record UnitFile(String path, Kind kind, List<String> execStart) {
    public UnitFile {
        execStart = List.copyOf(execStart);
    }

    public enum Kind { VENDOR, OVERRIDE, DROP_IN }
}
