package dev.dockerdoctor.model;

/** How bad a finding is. Only CRITICAL and WARNING change {@code diagnose}'s exit status. */
public enum Severity {
    CRITICAL, WARNING, INFO;

    public String wire() { return name().toLowerCase(java.util.Locale.ROOT); }

    public boolean isProblem() { return this != INFO; }
}
