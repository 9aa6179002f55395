package dev.dockerdoctor.watch;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Open: something is down. Mitigating: a step ran or some signals cleared. Resolved: all healthy again. */
public enum IncidentState {
    OPEN, MITIGATING, RESOLVED;

    @JsonValue
    public String wire() { return name().toLowerCase(Locale.ROOT); }
}
