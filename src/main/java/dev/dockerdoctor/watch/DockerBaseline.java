package dev.dockerdoctor.watch;

import java.time.Instant;

/**
 * What the daemon looked like when it was last seen healthy: its root directory and how many containers it held.
 * Kept in the state folder, so a bot restarted mid-incident still knows the root the daemon left.
 */
public record DockerBaseline(String root, int containers, Instant seenAt) {
}
