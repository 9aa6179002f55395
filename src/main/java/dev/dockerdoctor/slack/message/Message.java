package dev.dockerdoctor.slack.message;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A chat message that knows nothing of Slack: a plain fallback line (notifications, screen readers) and the parts
 * a person reads, top to bottom. A renderer turns it into a platform's format and owns that platform's limits.
 */
public record Message(String fallback, List<Part> parts) {
    public Message {
        parts = List.copyOf(parts);
    }

    /**
     * The same message with every text a person reads passed through {@code words} (to mask the bot's own secrets,
     * whatever path brought them into a finding or a step's output). Button ids and values are the bot's own.
     */
    public Message redacted(UnaryOperator<String> words) {
        List<Part> out = new ArrayList<>();
        for (Part p : parts) out.add(redacted(p, words));
        return new Message(words.apply(fallback), out);
    }

    private static Part redacted(Part p, UnaryOperator<String> w) {
        if (p instanceof Part.Header h) return new Part.Header(w.apply(h.text()));
        if (p instanceof Part.Text t) {
            return new Part.Text(w.apply(t.markdown()), t.accessory() == null ? null : redacted(t.accessory(), w));
        }
        if (p instanceof Part.Fields f) return new Part.Fields(f.fields().stream().map(w).toList());
        if (p instanceof Part.Note n) return new Part.Note(n.items().stream().map(w).toList());
        if (p instanceof Part.Code c) return new Part.Code(w.apply(c.title()), c.lines().stream().map(w).toList());
        if (p instanceof Part.Buttons b) return new Part.Buttons(b.buttons().stream().map(x -> redacted(x, w)).toList());
        if (p instanceof Part.Divider) return p;
        throw new IllegalArgumentException("a part this method does not know: " + p.getClass().getSimpleName());
    }

    private static Part.Button redacted(Part.Button b, UnaryOperator<String> w) {
        Part.Confirm c = b.confirm() == null ? null : new Part.Confirm(w.apply(b.confirm().title()),
                w.apply(b.confirm().text()), b.confirm().yes(), b.confirm().no(), b.confirm().danger());
        return new Part.Button(b.id(), w.apply(b.label()), b.value(), b.style(), c);
    }

    /** Every button in the message, in order (tests and the limits check look at them). */
    public List<Part.Button> buttons() {
        List<Part.Button> out = new ArrayList<>();
        for (Part p : parts) {
            if (p instanceof Part.Text t && t.accessory() != null) out.add(t.accessory());
            if (p instanceof Part.Buttons b) out.addAll(b.buttons());
        }
        return out;
    }
}
