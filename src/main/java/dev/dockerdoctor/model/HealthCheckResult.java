package dev.dockerdoctor.model;

import java.time.Instant;

/**
 * One run of a container's health check, as the daemon keeps it ({@code State.Health.Log}, the last five runs).
 * Times may be null when the daemon gave none; {@code output} is what the check printed, possibly empty.
 */
public record HealthCheckResult(Instant start, Instant end, Integer exitCode, String output) {
    public HealthCheckResult {
        output = output == null ? "" : output;
    }
}
