package dev.dockerdoctor.model;

import java.util.Map;

/**
 * A container record found on disk in a data root ({@code containers/<id>/config.v2.json}), daemon or not.
 * {@code driver} is the storage driver (classic store) or snapshotter (containerd store) it was made with, or null.
 */
public record DiskContainer(String id, String name, String image, boolean running, Map<String, String> labels,
                            String driver) {
    public DiskContainer {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public DiskContainer(String id, String name, String image, boolean running, Map<String, String> labels) {
        this(id, name, image, running, labels, null);
    }

    public String composeProject() { return labels.get(ComposeLabels.PROJECT); }
}
