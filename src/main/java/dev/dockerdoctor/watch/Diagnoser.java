package dev.dockerdoctor.watch;

import dev.dockerdoctor.model.Diagnosis;

import java.time.Instant;

/** The agent, as the watcher needs it: a full diagnosis with logs since the given time. */
@FunctionalInterface
public interface Diagnoser {
    Diagnosis diagnose(Instant since);
}
