package dev.dockerdoctor.watch;

import java.time.Instant;
import java.util.List;

/**
 * Incidents of the same cause on several hosts, opened within a few minutes of each other (one upgrade wave): one
 * root message lists them, each host's own incident lives in its thread. {@code members} in the order they opened.
 *
 * @param cause what they have in common, as the root message says it ({@code daemon-unreachable})
 */
public record IncidentGroup(String cause, Instant openedAt, List<Incident> members) {
    public IncidentGroup {
        members = List.copyOf(members);
    }

    public boolean open() {
        return members.stream().anyMatch(Incident::open);
    }
}
