package dev.dockerdoctor.slack.render;

import com.slack.api.model.block.ContextBlockElement;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.ConfirmationDialogObject;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import dev.dockerdoctor.model.Secrets;
import dev.dockerdoctor.slack.message.Clip;
import dev.dockerdoctor.slack.message.Message;
import dev.dockerdoctor.slack.message.Mrkdwn;
import dev.dockerdoctor.slack.message.Part;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.confirmationDialog;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static dev.dockerdoctor.slack.render.BlockKitLimits.*;

/**
 * Turns a platform-neutral {@link Message} into Block Kit with the SDK's typed builders. Pure, owns no client.
 * Every Slack limit is enforced here, as the last line: long text is cut with "... and N more", long lists are
 * split over several blocks, and a message that would pass 50 blocks ends with a note of what was left out.
 * The views budget their content so that this last line is rarely reached.
 */
public final class BlockKitRenderer {
    private static final Logger log = LoggerFactory.getLogger(BlockKitRenderer.class);

    private BlockKitRenderer() {
    }

    /**
     * What the bot sends: the message with the bot's own secrets masked wherever they got into the text, rendered,
     * then held against Slack's limits. A break is a bug in a view: it is logged, and the message still goes (Slack's
     * answer then says what it refused).
     */
    public static SlackMessage renderChecked(Message m, Secrets secrets) {
        SlackMessage out = render(secrets.isEmpty() ? m : m.redacted(secrets::redact));
        List<String> broken = BlockKitLimits.violations(out);
        if (!broken.isEmpty()) log.error("A message breaks Block Kit limits (a bug): {}", broken);
        return out;
    }

    public static SlackMessage render(Message m) {
        List<LayoutBlock> blocks = new ArrayList<>();
        for (Part p : m.parts()) blocks.addAll(blocks(p));
        if (blocks.size() > MESSAGE_BLOCKS) {
            int left = blocks.size() - (MESSAGE_BLOCKS - 1);
            blocks = new ArrayList<>(blocks.subList(0, MESSAGE_BLOCKS - 1));
            blocks.add(context(List.of(markdownText(Clip.more(left, "blocks")
                    + ": run `docker-doctor diagnose` on the host for everything"))));
        }
        String text = m.fallback() == null || m.fallback().isBlank() ? "docker-doctor" : m.fallback();
        return new SlackMessage(Clip.text(text, FALLBACK_TEXT), blocks);
    }

    static List<LayoutBlock> blocks(Part p) {
        if (p instanceof Part.Header h) {
            return List.of(header(b -> b.text(plainText(Clip.text(oneLine(h.text()), HEADER_TEXT), true))));
        }
        if (p instanceof Part.Text t) {
            if (t.markdown() == null || t.markdown().isBlank()) return List.of();
            return List.of(section(s -> {
                s.text(markdownText(Clip.text(t.markdown(), SECTION_TEXT)));
                if (t.accessory() != null) s.accessory(toButton(t.accessory()));
                return s;
            }));
        }
        if (p instanceof Part.Fields f) {
            List<LayoutBlock> out = new ArrayList<>();
            for (List<String> chunk : chunks(f.fields().stream().filter(x -> x != null && !x.isBlank()).toList(),
                    SECTION_FIELDS)) {
                List<TextObject> fields = chunk.stream()
                        .<TextObject>map(x -> markdownText(Clip.text(x, SECTION_FIELD_TEXT))).toList();
                out.add(section(s -> s.fields(fields)));
            }
            return out;
        }
        if (p instanceof Part.Note n) {
            List<LayoutBlock> out = new ArrayList<>();
            for (List<String> chunk : chunks(n.items().stream().filter(x -> x != null && !x.isBlank()).toList(),
                    CONTEXT_ELEMENTS)) {
                List<ContextBlockElement> els = chunk.stream()
                        .<ContextBlockElement>map(x -> markdownText(Clip.text(x, TEXT_OBJECT))).toList();
                out.add(context(els));
            }
            return out;
        }
        if (p instanceof Part.Divider) return List.of(divider());
        if (p instanceof Part.Code c) return code(c);
        if (p instanceof Part.Buttons b) {
            List<LayoutBlock> out = new ArrayList<>();
            for (List<Part.Button> chunk : chunks(b.buttons(), ACTIONS_ELEMENTS)) {
                List<BlockElement> els = chunk.stream().<BlockElement>map(BlockKitRenderer::toButton).toList();
                out.add(actions(els));
            }
            return out;
        }
        throw new IllegalArgumentException("unknown part " + p.getClass().getSimpleName());
    }

    /** Lines in a code block, as many sections as it takes; the title goes on the first. */
    private static List<LayoutBlock> code(Part.Code c) {
        List<LayoutBlock> out = new ArrayList<>();
        String title = c.title() == null || c.title().isBlank() ? "" : c.title() + "\n";
        StringBuilder body = new StringBuilder();
        for (String raw : c.lines()) {
            String line = Clip.text(Mrkdwn.esc(oneLine(raw)).replace("```", "'''"), CODE_LINE);
            int room = SECTION_TEXT - (out.isEmpty() ? title.length() : 0) - 8;
            if (body.length() > 0 && body.length() + 1 + line.length() > room) {
                out.add(codeSection(out.isEmpty() ? title : "", body));
                body.setLength(0);
            }
            if (body.length() > 0) body.append('\n');
            body.append(line);
        }
        if (body.length() > 0 || out.isEmpty()) out.add(codeSection(out.isEmpty() ? title : "", body));
        return out;
    }

    private static LayoutBlock codeSection(String title, CharSequence body) {
        String text = body.length() == 0 ? title + "_nothing to show_" : title + "```" + body + "```";
        return section(s -> s.text(markdownText(Clip.text(text, SECTION_TEXT))));
    }

    static ButtonElement toButton(Part.Button b) {
        return button(x -> {
            x.actionId(Clip.text(b.id(), ACTION_ID))
                    .text(plainText(Clip.text(oneLine(b.label()), BUTTON_TEXT), true))
                    .value(Clip.text(b.value(), BUTTON_VALUE));
            if (b.style() == Part.Style.PRIMARY) x.style("primary");
            if (b.style() == Part.Style.DANGER) x.style("danger");
            if (b.confirm() != null) x.confirm(confirm(b.confirm()));
            return x;
        });
    }

    private static ConfirmationDialogObject confirm(Part.Confirm c) {
        return confirmationDialog(d -> {
            d.title(plainText(Clip.text(oneLine(c.title()), CONFIRM_TITLE)))
                    .text(plainText(Clip.text(c.text(), CONFIRM_TEXT)))
                    .confirm(plainText(Clip.text(oneLine(c.yes()), CONFIRM_BUTTON)))
                    .deny(plainText(Clip.text(oneLine(c.no()), CONFIRM_BUTTON)));
            if (c.danger()) d.style("danger");
            return d;
        });
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').strip();
    }

    private static <T> List<List<T>> chunks(List<T> items, int size) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i += size) out.add(items.subList(i, Math.min(items.size(), i + size)));
        return out;
    }
}
