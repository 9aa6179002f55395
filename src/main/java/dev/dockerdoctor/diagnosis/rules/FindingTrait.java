package dev.dockerdoctor.diagnosis.rules;

/**
 * What a finding means beyond itself, declared by its rule ({@link Rule#traits()}) so that the planner, the last
 * known good, the facts and the views ask for a trait instead of keeping their own lists of finding ids.
 */
public enum FindingTrait {
    /** The daemon is not on the root the data is on (or is not running): no service may be started yet. */
    ROOT_NOT_RIGHT,
    /** The live root is another folder than the one holding the data: compose up there would make fresh volumes. */
    LIVE_ROOT_ELSEWHERE,
    /** The root or the daemon is not right: a run with this finding must not become the last known good. */
    DISQUALIFIES_LAST_KNOWN_GOOD,
    /** Shown by {@code /docker-status root}: about the data root, the daemon or its disk. */
    ROOT_VIEW,
    /** Shown by {@code /docker-status compose}: about the compose projects. */
    COMPOSE_VIEW
}
