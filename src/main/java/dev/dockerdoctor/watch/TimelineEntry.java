package dev.dockerdoctor.watch;

import java.time.Instant;

/** One line of an incident's own timeline ("gitlab answered 404", "step restore-data-root ran: succeeded"). */
public record TimelineEntry(Instant at, String text) {
}
