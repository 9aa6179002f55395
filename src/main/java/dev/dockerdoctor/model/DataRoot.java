package dev.dockerdoctor.model;

import java.util.List;

/**
 * A Docker data root found on disk (paths are the host's, not re-rooted). {@code active} is true for the one the
 * live daemon uses. {@code imagesByDriver}: for each storage driver with image metadata in it ({@code image/<driver>}),
 * how many images it holds (a root whose images all belong to another driver than the daemon's looks empty).
 * Free and total bytes are of the filesystem holding it (null when unknown). {@code containerdImages}: the images in
 * the containerd image store a dockerd of this root runs for itself ({@code containerd/daemon}); {@code images} counts
 * the classic store's only. A system containerd keeps its store in /var/lib/containerd instead, whatever the root.
 */
public record DataRoot(String path, boolean active, int containers, int images, int volumes,
                       List<String> composeProjects, Long freeBytes, Long totalBytes, java.util.Map<String, Integer> imagesByDriver,
                       List<DiskContainer> containerRecords, int containerdImages) {
    public DataRoot {
        composeProjects = List.copyOf(composeProjects);
        imagesByDriver = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(imagesByDriver));
        containerRecords = List.copyOf(containerRecords);
    }

    public DataRoot(String path, boolean active, int containers, int images, int volumes, List<String> composeProjects,
                    Long freeBytes, Long totalBytes, java.util.Map<String, Integer> imagesByDriver,
                    List<DiskContainer> containerRecords) {
        this(path, active, containers, images, volumes, composeProjects, freeBytes, totalBytes, imagesByDriver,
                containerRecords, 0);
    }

    /** Graph drivers no containerd snapshotter is named after (btrfs and zfs are both, fuse-overlayfs too). */
    private static final java.util.Set<String> GRAPH_DRIVERS_ONLY = java.util.Set.of("overlay2", "overlay", "aufs", "devicemapper", "vfs");

    /** Container records made for the classic store: a graph driver's, one with images here or no snapshotter's name. */
    public List<DiskContainer> classicContainers() {
        return containerRecords.stream().filter(this::classic).toList();
    }

    /** Container records made for the containerd store (their driver is a snapshotter: overlayfs, native...). */
    public List<DiskContainer> containerdContainers() {
        return containerRecords.stream().filter(c -> !classic(c)).toList();
    }

    private boolean classic(DiskContainer c) {
        return c.driver() == null || imagesByDriver.containsKey(c.driver()) || GRAPH_DRIVERS_ONLY.contains(c.driver());
    }

    public List<String> drivers() {
        return List.copyOf(imagesByDriver.keySet());
    }
}
