package dev.dockerdoctor.slack.message;

import java.util.ArrayList;
import java.util.List;

/**
 * A chat message that knows nothing of Slack: a plain fallback line (notifications, screen readers) and the parts
 * a person reads, top to bottom. A renderer turns it into a platform's format and owns that platform's limits.
 */
public record Message(String fallback, List<Part> parts) {
    public Message {
        parts = List.copyOf(parts);
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
