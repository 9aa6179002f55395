package dev.dockerdoctor.fleet;

import dev.dockerdoctor.model.Diagnosis;
import dev.dockerdoctor.model.Finding;
import dev.dockerdoctor.model.Severity;
import dev.dockerdoctor.watch.Incident;
import dev.dockerdoctor.watch.SignalKind;
import dev.dockerdoctor.watch.SignalRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * When incidents on different hosts are one: the same cause, opened within {@link #WINDOW} of the first. The cause
 * is what the diagnosis at opening puts first among its critical findings ({@code daemon-unreachable} when an
 * upgrade wave stops Docker everywhere), or, before any diagnosis, the kinds of signal that opened it; an incident
 * with neither has no cause to share (null) and stands alone.
 */
public final class SameCause {
    /** One apt-daily-upgrade wave: the timer's randomized delay spreads it over minutes, not hours. */
    public static final Duration WINDOW = Duration.ofMinutes(15);

    private SameCause() {
    }

    public static String of(Incident incident, Optional<Diagnosis> diagnosis) {
        Optional<String> critical = diagnosis.flatMap(d -> d.findings().stream()
                .filter(f -> f.severity() == Severity.CRITICAL).map(Finding::id).findFirst());
        if (critical.isEmpty() && incident.verdict() != null && !incident.verdict().critical().isEmpty()) {
            critical = Optional.of(incident.verdict().critical().get(0));
        }
        if (critical.isPresent()) return critical.get();
        String kinds = incident.signals().stream().map(SignalRecord::kind).map(SignalKind::wire).distinct().sorted()
                .collect(Collectors.joining("+"));
        return kinds.isEmpty() ? null : kinds;
    }

    /** Whether an incident opened at {@code at} may join a group whose first opened at {@code first}. */
    public static boolean within(Instant first, Instant at) {
        return !at.isBefore(first.minus(WINDOW)) && !at.isAfter(first.plus(WINDOW));
    }
}
