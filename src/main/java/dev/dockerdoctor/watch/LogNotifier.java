package dev.dockerdoctor.watch;

import dev.dockerdoctor.model.Diagnosis;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/** Incidents into the log only: for {@code serve} without an incident channel (DOCTOR_CHANNEL), and for tests. */
public final class LogNotifier implements IncidentNotifier {
    private static final Logger LOG = LoggerFactory.getLogger(LogNotifier.class);

    @Override
    public ThreadRef opened(Incident incident, Optional<Diagnosis> diagnosis) {
        LOG.warn("incident {} opened: {}", incident.id(), incident.headline());
        return new ThreadRef("log", incident.id());
    }

    @Override
    public ThreadRef updated(Incident incident, Optional<Diagnosis> diagnosis) {
        LOG.info("incident {} {}: {}", incident.id(), incident.state().wire(), incident.headline());
        return incident.thread();
    }

    @Override
    public ThreadRef resolved(Incident incident, Optional<Diagnosis> diagnosis) {
        LOG.info("incident {} resolved after {}", incident.id(), Durations.words(incident.duration()));
        return incident.thread();
    }

    @Override
    public void remind(Incident incident, java.time.Duration openFor) {
        LOG.warn("incident {} still open after {} and nobody has acknowledged it: {}", incident.id(),
                Durations.words(openFor), incident.headline());
    }
}
