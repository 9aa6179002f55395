package dev.dockerdoctor.recovery;

/** A step will not run, for a reason a person can act on (the message says it). Nothing was changed. */
public final class RefusedException extends Exception {
    public RefusedException(String message) {
        super(message);
    }
}
