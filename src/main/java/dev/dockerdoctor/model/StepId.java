package dev.dockerdoctor.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A step's public id: its family and, for families that name a thing, the parameter, written
 * {@code family:parameter} (e.g. {@code compose-up:gitlab}). The one codec for step ids, also of the Slack
 * button's {@code action_id}, which Slack caps at 255 characters.
 */
public record StepId(StepFamily family, String parameter) {
    /** Slack's limit for a button's {@code action_id}. */
    public static final int MAX_ACTION_ID = 255;

    public StepId {
        if (family == null) throw new IllegalArgumentException("a step id needs a family");
        if (parameter != null && parameter.isEmpty()) parameter = null;
    }

    /** The id of a known family, or empty for anything else (an old report, a forged button). */
    public static Optional<StepId> parse(String wire) {
        if (wire == null) return Optional.empty();
        return StepFamily.of(familyPart(wire)).map(f -> new StepId(f, parameterPart(wire)));
    }

    /** The family part of any step id, known or not. */
    public static String familyPart(String wire) {
        int colon = wire.indexOf(':');
        return colon < 0 ? wire : wire.substring(0, colon);
    }

    /** The parameter part of any step id, or null. */
    public static String parameterPart(String wire) {
        int colon = wire.indexOf(':');
        return colon < 0 ? null : wire.substring(colon + 1);
    }

    /** The place of any step id in the run order; ids of unknown families go last. */
    public static int rank(String wire) {
        return StepFamily.of(familyPart(wire)).map(Enum::ordinal).orElse(StepFamily.values().length);
    }

    /** Whether any step id is of a known family with that effect (false for ids of no known family). */
    public static boolean has(String wire, StepFamily.Effect effect) {
        return StepFamily.of(familyPart(wire)).filter(f -> f.has(effect)).isPresent();
    }

    public String wire() {
        return parameter == null ? family.id() : family.id() + ":" + parameter;
    }

    /** The button label, e.g. "Start gitlab". */
    public String label() {
        return family.label(parameter);
    }

    /**
     * The Slack {@code action_id} for a step id: the id itself when it fits, else its head and a hash of the whole,
     * so two long ids never share an action_id and none is cut where Slack would refuse the message.
     */
    public static String actionId(String wire) {
        if (wire.length() <= MAX_ACTION_ID) return wire;
        String hash = sha256(wire).substring(0, 16);
        return wire.substring(0, MAX_ACTION_ID - hash.length() - 1) + "~" + hash;
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
