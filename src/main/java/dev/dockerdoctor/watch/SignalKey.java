package dev.dockerdoctor.watch;

/** Which problem a signal is about; one incident holds at most one signal per key. */
public record SignalKey(SignalKind kind, String subject) {
    @Override
    public String toString() { return kind.wire() + ":" + subject; }
}
