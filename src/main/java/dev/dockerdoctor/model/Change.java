package dev.dockerdoctor.model;

/** Something that differs from the last known good state: in {@code source}, {@code key} went from old to new. */
public record Change(String source, String key, String oldValue, String newValue) {
}
