package dev.dockerdoctor.diagnosis.rules;

import dev.dockerdoctor.diagnosis.facts.Facts;
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

    /** What its findings mean for the plan, the last known good and the views; most rules are plain advice. */
    default Set<FindingTrait> traits() {
        return Set.of();
    }
}
