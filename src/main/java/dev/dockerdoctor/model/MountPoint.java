package dev.dockerdoctor.model;

/**
 * A mounted filesystem (from mountinfo) or one that should be (from /etc/fstab): where, what, which type.
 * {@code bindOfSubdirectory} is true for a mount that shows only a folder of its filesystem (a bind mount, such as
 * the one dockerd makes of its own data root): not a disk of its own.
 */
public record MountPoint(String target, String source, String fsType, boolean bindOfSubdirectory) {
    public MountPoint(String target, String source, String fsType) {
        this(target, source, fsType, false);
    }
}
