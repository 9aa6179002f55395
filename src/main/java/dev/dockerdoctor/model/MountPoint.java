package dev.dockerdoctor.model;

/** A mounted filesystem (from mountinfo) or one that should be (from /etc/fstab): where, what, which type. */
public record MountPoint(String target, String source, String fsType) {
}
