package dev.dockerdoctor.diagnosis;

import dev.dockerdoctor.model.Finding;
import dev.dockerdoctor.model.HostSnapshot;

import java.util.List;
import java.util.Set;

/**
 * One check, one finding id. Pure: sees only the snapshot (whose {@code takenAt} is "now") and the facts answered
 * before it ran, touches nothing, and never runs another rule. Returns no finding when the host is fine, so healthy
 * hosts stay quiet.
 */
public interface Rule {

    /** The finding id this rule raises (public, stable). */
    String id();

    List<Finding> check(HostSnapshot snapshot, Facts facts);

    /** This rule alone, with the facts answered first as the {@link Doctor} does (for tests and tools). */
    default List<Finding> check(HostSnapshot snapshot) {
        return check(snapshot, Doctor.facts(snapshot));
    }

    /** What its findings mean for the plan, the last known good and the views; most rules are plain advice. */
    default Set<FindingTrait> traits() {
        return Set.of();
    }
}
