package dev.dockerdoctor.model;

/**
 * A change a step would make to a file: one key, its old value (null = absent) and its new one (null = removed).
 * {@code content}, when set, is the whole text the file gets (a file docker-doctor writes itself, such as an
 * apt.conf snippet); otherwise the file is a JSON file whose other keys are kept.
 */
public record FileChange(String file, String key, String from, String to, String content) {
    public FileChange(String file, String key, String from, String to) {
        this(file, key, from, to, null);
    }

    public boolean wholeFile() {
        return content != null;
    }
}
