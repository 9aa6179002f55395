package dev.dockerdoctor.app;

/** A setting is missing or malformed; the message names the variable and says what is expected. */
public final class SettingsException extends RuntimeException {
    public SettingsException(String message) {
        super(message);
    }
}
