package dev.dockerdoctor.model;

import java.util.List;

/**
 * A Docker data root found on disk (paths are the host's, not re-rooted). {@code active} is true for the one the
 * live daemon uses. {@code drivers} are the storage drivers that have image metadata in it ({@code image/<driver>}).
 * Free and total bytes are of the filesystem holding it (null when unknown).
 */
public record DataRoot(String path, boolean active, int containers, int images, int volumes,
                       List<String> composeProjects, Long freeBytes, Long totalBytes, List<String> drivers,
                       List<DiskContainer> containerRecords) {
    public DataRoot {
        composeProjects = List.copyOf(composeProjects);
        drivers = List.copyOf(drivers);
        containerRecords = List.copyOf(containerRecords);
    }

    public DataRoot withActive(boolean isActive) {
        return new DataRoot(path, isActive, containers, images, volumes, composeProjects, freeBytes, totalBytes,
                drivers, containerRecords);
    }
}
