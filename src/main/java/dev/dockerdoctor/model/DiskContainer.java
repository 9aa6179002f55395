package dev.dockerdoctor.model;

import java.util.Map;

/** A container record found on disk in a data root ({@code containers/<id>/config.v2.json}), daemon or not. */
public record DiskContainer(String id, String name, String image, boolean running, Map<String, String> labels) {
    public DiskContainer {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public String composeProject() { return labels.get(ComposeLabels.PROJECT); }
}
