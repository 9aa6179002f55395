package dev.dockerdoctor.slack.message;

import java.util.List;

/** One piece of a {@link Message}. Text is Slack-style mrkdwn built with {@link Mrkdwn}; headers are plain. */
public sealed interface Part {

    /** A large plain-text title line. */
    record Header(String text) implements Part {
    }

    /** A paragraph, optionally with one button beside it. */
    record Text(String markdown, Button accessory) implements Part {
        public Text(String markdown) {
            this(markdown, null);
        }
    }

    /** Short label/value facts laid out in two columns; each entry is markdown. */
    record Fields(List<String> fields) implements Part {
        public Fields {
            fields = List.copyOf(fields);
        }
    }

    /** Small grey print: evidence, sources, who may press buttons. */
    record Note(List<String> items) implements Part {
        public Note {
            items = List.copyOf(items);
        }

        public static Note of(String... items) {
            return new Note(List.of(items));
        }
    }

    record Divider() implements Part {
    }

    /** Fixed-width lines under an optional markdown title (a timeline); split over several blocks when long. */
    record Code(String title, List<String> lines) implements Part {
        public Code {
            lines = List.copyOf(lines);
        }
    }

    /** A row of buttons. */
    record Buttons(List<Button> buttons) implements Part {
        public Buttons {
            buttons = List.copyOf(buttons);
        }
    }

    /**
     * A button. {@code id} is what the server dispatches on (a step id, or a {@code ui:} id); {@code value} is a
     * reference the server resolves (never a command). {@code confirm} is asked before the click counts (may be null).
     */
    record Button(String id, String label, String value, Style style, Confirm confirm) {
    }

    enum Style { DEFAULT, PRIMARY, DANGER }

    /** A "are you sure" dialog: title, what will happen (plain text), and the two answers. */
    record Confirm(String title, String text, String yes, String no, boolean danger) {
    }
}
