package dev.dockerdoctor.fleet;

import java.time.Instant;

/**
 * One host of the fleet as the hub knows it now: connected or not, when it was last heard from, and the verdict
 * and headline of its newest diagnosis (null until its agent has sent one).
 */
public record HostStatus(String name, boolean connected, Instant lastSeen, String verdict, String headline) {
}
