package dev.dockerdoctor.model;

import java.util.List;

/**
 * A Docker data root found on disk (paths are the host's, not re-rooted). {@code active} is true for the one the
 * live daemon uses. {@code imagesByDriver}: for each storage driver with image metadata in it ({@code image/<driver>}),
 * how many images it holds (a root whose images all belong to another driver than the daemon's looks empty).
 * Free and total bytes are of the filesystem holding it (null when unknown).
 */
public record DataRoot(String path, boolean active, int containers, int images, int volumes,
                       List<String> composeProjects, Long freeBytes, Long totalBytes, java.util.Map<String, Integer> imagesByDriver,
                       List<DiskContainer> containerRecords) {
    public DataRoot {
        composeProjects = List.copyOf(composeProjects);
        imagesByDriver = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(imagesByDriver));
        containerRecords = List.copyOf(containerRecords);
    }

    public List<String> drivers() {
        return List.copyOf(imagesByDriver.keySet());
    }
}
