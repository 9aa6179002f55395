package dev.dockerdoctor.model;

/**
 * A service's volume: {@code type} bind, volume or tmpfs (or npipe, image, cluster as written); {@code source} an
 * absolute host path (bind), the volume's key in the compose file (volume; null or empty for an anonymous volume).
 * {@code sourceExists} says whether a bind source is on the host (null: not looked at, or not a bind).
 */
public record VolumeMount(String type, String source, String target, boolean readOnly, Boolean sourceExists) {

    public VolumeMount(String type, String source, String target) {
        this(type, source, target, false, null);
    }

    public boolean isBind() { return "bind".equals(type); }

    public boolean isNamed() { return "volume".equals(type) && source != null && !source.isEmpty(); }

    /** A bind mount whose source was looked for on the host and is not there. */
    public boolean isMissingBind() { return isBind() && Boolean.FALSE.equals(sourceExists); }

    public VolumeMount withSourceExists(Boolean exists) {
        return new VolumeMount(type, source, target, readOnly, exists);
    }
}
