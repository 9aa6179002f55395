package dev.dockerdoctor.slack.render;

import dev.dockerdoctor.slack.message.Clip;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class ClipTest {
    @Test
    void shouldLeaveShortTextAlone() {
        assertThat(Clip.text("short", 10)).isEqualTo("short");
    }

    @Test
    void shouldCutWholeLinesAndSayHowManyAreLeft() {
        String text = IntStream.range(0, 100).mapToObj(i -> "line " + i).collect(Collectors.joining("\n"));
        String clipped = Clip.text(text, 100);
        assertThat(clipped).hasSizeLessThanOrEqualTo(100).startsWith("line 0\nline 1\n").matches("(?s).*\\.\\.\\. and \\d+ more lines");
        int kept = clipped.split("\n").length - 1;
        assertThat(clipped).endsWith("... and " + (100 - kept) + " more lines");
    }

    @Test
    void shouldCutOneLongLineByCharacters() {
        String clipped = Clip.text("x".repeat(5000), 3000);
        assertThat(clipped).hasSizeLessThanOrEqualTo(3000);
        int kept = clipped.indexOf("...");
        assertThat(clipped).endsWith("... and " + (5000 - kept) + " more characters");
    }

    @Test
    void shouldStayWithinTinyLimits() {
        assertThat(Clip.text("a label that is far too long for thirty", 30)).hasSizeLessThanOrEqualTo(30).endsWith("...");
    }

    @Test
    void shouldCountWhatAListLeavesOut() {
        assertThat(Clip.list(List.of("a", "b", "c", "d"), 3, "roots")).containsExactly("a", "b", "... and 2 more roots");
        assertThat(Clip.list(List.of("a", "b"), 3, "roots")).containsExactly("a", "b");
    }
}
