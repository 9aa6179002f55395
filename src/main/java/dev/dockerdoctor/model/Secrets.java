package dev.dockerdoctor.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The bot's own secrets (tokens, the signing secret), so that anything quoted into Slack, a report or a log can be
 * checked for them. A compose file, an {@code .env} or a step's output may contain them through a symlink or an
 * inherited environment; whatever the path, the value never leaves in clear.
 */
public final class Secrets {
    /** Shorter values are not treated as secrets: redacting "a" everywhere would mangle every report. */
    static final int SHORTEST = 8;
    public static final String MASK = "[redacted]";
    private static final Secrets NONE = new Secrets(List.of());

    private final List<String> values;

    private Secrets(List<String> values) {
        this.values = values;
    }

    public static Secrets none() {
        return NONE;
    }

    /** Nulls and values shorter than {@value #SHORTEST} characters are ignored. */
    public static Secrets of(Collection<String> values) {
        List<String> kept = new ArrayList<>();
        for (String v : values) {
            if (v != null && v.length() >= SHORTEST && !kept.contains(v)) kept.add(v);
        }
        // The longest first, so that a secret containing another is masked whole.
        kept.sort(Comparator.comparingInt(String::length).reversed());
        return kept.isEmpty() ? NONE : new Secrets(List.copyOf(kept));
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public boolean foundIn(String text) {
        if (text == null) return false;
        for (String v : values) {
            if (text.contains(v)) return true;
        }
        return false;
    }

    /** The text with every secret replaced by {@value #MASK}; the same instance when none occurs. */
    public String redact(String text) {
        if (text == null || values.isEmpty()) return text;
        String out = text;
        for (String v : values) {
            if (out.contains(v)) out = out.replace(v, MASK);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secrets s && s.values.equals(values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(values);
    }

    @Override
    public String toString() {
        return "Secrets[" + values.size() + " values]"; // never the values themselves
    }
}
