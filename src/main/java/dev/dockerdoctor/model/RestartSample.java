package dev.dockerdoctor.model;

import java.time.Instant;
import java.util.Map;

/**
 * The containers' restart counts at an earlier poll (the watcher keeps a few), keyed by container id. A count that
 * rose between polls is a container restarting again and again, even when each poll catches it "up".
 */
public record RestartSample(Instant at, Map<String, Integer> restartCounts) {
    public RestartSample {
        restartCounts = Map.copyOf(restartCounts);
    }
}
