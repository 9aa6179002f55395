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

    @Override
    public void maintenance(Maintenance m) {
        if (m.endedAt() == null) {
            LOG.info("maintenance until {} (started by {}){}", m.until(), m.by(), m.reason().isEmpty() ? "" : ": " + m.reason());
        } else {
            LOG.info("maintenance ended after {}; {} signal(s) came during it", Durations.words(java.time.Duration.between(m.startedAt(), m.endedAt())), m.seen().size());
        }
    }
}
