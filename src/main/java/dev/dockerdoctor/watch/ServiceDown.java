package dev.dockerdoctor.watch;

import dev.dockerdoctor.model.Diagnosis;
import dev.dockerdoctor.model.Evidence;
import dev.dockerdoctor.model.Finding;
import dev.dockerdoctor.model.Severity;

import java.util.ArrayList;
import java.util.List;

/** The {@code service-down} finding of {@code serve}: one critical finding per watched URL that is down now. */
public final class ServiceDown {
    public static final String ID = "service-down";

    private ServiceDown() {
    }

    /** The diagnosis with a service-down finding first for each URL this incident has down. */
    public static Diagnosis addTo(Diagnosis d, Incident incident) {
        List<Finding> down = incident.activeSignals().stream().filter(s -> s.kind() == SignalKind.URL_DOWN)
                .map(s -> new Finding(ID, Severity.CRITICAL, s.subject() + " is down",
                        s.detail() + " (first failure " + s.firstSeen() + ")",
                        List.of(new Evidence("watch:" + s.subject(), s.detail())), List.of()))
                .toList();
        if (down.isEmpty()) return d;
        List<Finding> all = new ArrayList<>(down);
        all.addAll(d.findings());
        return new Diagnosis(d.snapshot(), all, d.plan(), d.changes());
    }
}
