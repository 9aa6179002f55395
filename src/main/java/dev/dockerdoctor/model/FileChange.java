package dev.dockerdoctor.model;

/** A change a step would make to a file: one key, its old value (null = absent) and its new one (null = removed). */
public record FileChange(String file, String key, String from, String to) {
}
