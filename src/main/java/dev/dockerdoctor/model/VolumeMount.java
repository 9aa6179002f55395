package dev.dockerdoctor.model;

/** A service's volume: {@code type} bind, volume or tmpfs; {@code source} an absolute host path or a volume name. */
public record VolumeMount(String type, String source, String target) {
    public boolean isBind() { return "bind".equals(type); }

    public boolean isNamed() { return "volume".equals(type) && source != null && !source.isEmpty(); }
}
