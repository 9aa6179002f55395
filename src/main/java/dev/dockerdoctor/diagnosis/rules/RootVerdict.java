package dev.dockerdoctor.diagnosis.rules;

import dev.dockerdoctor.diagnosis.facts.Facts;
import dev.dockerdoctor.model.Diagnosis;
import dev.dockerdoctor.model.Finding;
import dev.dockerdoctor.model.HostSnapshot;

import java.util.List;
import java.util.Set;

/**
 * Whether the root is right, the one question the root rules answer for everyone else: the rules that carry
 * {@link FindingTrait#ROOT_NOT_RIGHT} or {@link FindingTrait#LIVE_ROOT_ELSEWHERE} run first and decide it; the other
 * rules, the planner and the views read it. Pure.
 */
public final class RootVerdict {
    private static final Set<String> ROOT_NOT_RIGHT = Rules.idsWith(FindingTrait.ROOT_NOT_RIGHT);
    private static final Set<String> LIVE_ROOT_ELSEWHERE = Rules.idsWith(FindingTrait.LIVE_ROOT_ELSEWHERE);

    private RootVerdict() {
    }

    /** The rule is one of those that decide the verdict (so it runs before it is known). */
    public static boolean decidedBy(Rule r) {
        return r.traits().contains(FindingTrait.ROOT_NOT_RIGHT) || r.traits().contains(FindingTrait.LIVE_ROOT_ELSEWHERE);
    }

    /** The early facts with the verdict of the root rules' findings. */
    public static Facts settle(HostSnapshot s, Facts early, List<Finding> rootFindings) {
        return early.withVerdict(rootNotRight(s, rootFindings),
                rootFindings.stream().anyMatch(f -> LIVE_ROOT_ELSEWHERE.contains(f.id())));
    }

    /** The one definition of "the root is not right yet (or cannot be known)", over any set of findings. */
    public static boolean rootNotRight(HostSnapshot s, List<Finding> findings) {
        return findings.stream().anyMatch(f -> ROOT_NOT_RIGHT.contains(f.id()))
                || (!s.daemon().reachable() && s.config().dockerInstalled());
    }

    /** The verdict the views show, read off a finished (or stored) diagnosis. */
    public static boolean rootNotRight(Diagnosis d) {
        return rootNotRight(d.snapshot(), d.findings());
    }
}
