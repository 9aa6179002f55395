package dev.dockerdoctor.slack.render;

import com.slack.api.model.block.LayoutBlock;

import java.util.List;

/** What goes to Slack: the notification fallback {@code text} and the Block Kit {@code blocks}. */
public record SlackMessage(String text, List<LayoutBlock> blocks) {
    public SlackMessage {
        blocks = List.copyOf(blocks);
    }
}
