package dev.dockerdoctor.watch;

import dev.dockerdoctor.diagnosis.DiagnosisSource;
import dev.dockerdoctor.model.Diagnosis;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * Runs the agent for the open incident on its own thread, at most one at a time: requests that come while one runs
 * are folded into one more run after it, so a burst of changes costs two diagnoses, not ten.
 */
final class DiagnosisRunner {
    private static final Logger LOG = LoggerFactory.getLogger(DiagnosisRunner.class);

    private final DiagnosisSource diagnoser;
    private final IncidentBook book;
    private final ExecutorService thread;
    private final Clock clock;
    private final Duration window;
    private final Consumer<IncidentMachine.Change> then;
    private boolean running;
    private boolean wanted;
    private volatile Instant lastStarted;

    DiagnosisRunner(DiagnosisSource diagnoser, IncidentBook book, ExecutorService thread, Clock clock, Duration window,
                    Consumer<IncidentMachine.Change> then) {
        this.diagnoser = diagnoser;
        this.book = book;
        this.thread = thread;
        this.clock = clock;
        this.window = window;
        this.then = then;
    }

    synchronized void request() {
        wanted = true;
        if (running) return;
        running = true;
        try {
            thread.execute(this::loop);
        } catch (RejectedExecutionException e) {
            running = false; // stopping
        }
    }

    synchronized boolean busy() { return running; }

    Instant lastStarted() { return lastStarted; }

    private void loop() {
        while (true) {
            synchronized (this) {
                if (!wanted || Thread.currentThread().isInterrupted()) {
                    running = false;
                    return;
                }
                wanted = false;
            }
            Instant start = clock.instant();
            lastStarted = start;
            Diagnosis d;
            try {
                d = diagnoser.diagnose(start.minus(window));
            } catch (RuntimeException e) {
                LOG.warn("the diagnosis for the open incident failed; the next change or refresh tries again", e);
                continue;
            }
            if (Thread.currentThread().isInterrupted()) {
                synchronized (this) {
                    running = false; // stopping: what an interrupted agent saw is no evidence
                }
                return;
            }
            LOG.info("diagnosis for the open incident took {} ms", Duration.between(start, clock.instant()).toMillis());
            try {
                then.accept(book.diagnosed(d, start));
            } catch (RuntimeException e) {
                LOG.warn("could not record the diagnosis", e);
            }
        }
    }
}
