package dev.dockerdoctor.model;

import java.util.Locale;

/** A compose service held against the daemon. INACTIVE: behind a profile, not expected to run. */
public enum ServiceState {
    RUNNING, STOPPED, MISSING, INACTIVE;

    public String wire() { return name().toLowerCase(Locale.ROOT); }
}
