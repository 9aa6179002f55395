package dev.dockerdoctor.evidence;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class LineReadersTest {
    @TempDir
    Path dir;

    /** What a reader should give: each non-empty line, cut to its first maxLine bytes. */
    private static List<String> expected(List<String> lines, int maxLine) {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            if (l.isEmpty()) continue;
            out.add(l.length() > maxLine ? l.substring(0, maxLine) + "|cut" : l);
        }
        return out;
    }

    private static String show(byte[] b, int off, int len, boolean cut) {
        return new String(b, off, len, StandardCharsets.US_ASCII) + (cut ? "|cut" : "");
    }

    @Test
    void backwardsAndForwardsAgreeWithASimpleSplitForAnyBlockAndLimit() throws IOException {
        Random rnd = new Random(7);
        for (int round = 0; round < 200; round++) {
            int maxLine = 1 + rnd.nextInt(40);
            int block = 1 + rnd.nextInt(64);
            List<String> lines = new ArrayList<>();
            int n = rnd.nextInt(30);
            for (int i = 0; i < n; i++) {
                int len = rnd.nextInt(rnd.nextBoolean() ? 10 : 120);
                StringBuilder sb = new StringBuilder();
                for (int k = 0; k < len; k++) sb.append((char) ('a' + rnd.nextInt(26)));
                lines.add(sb.toString());
            }
            boolean trailingNewline = rnd.nextBoolean();
            String text = String.join("\n", lines) + (trailingNewline && !lines.isEmpty() ? "\n" : "");
            Path f = dir.resolve("f" + round);
            Files.writeString(f, text, StandardCharsets.US_ASCII);

            List<String> back = new ArrayList<>();
            long read = LineReaders.backwards(f, block, maxLine, (b, off, len, cut) -> back.add(show(b, off, len, cut)));
            Collections.reverse(back);
            List<String> fwd = new ArrayList<>();
            LineReaders.forwards(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)), maxLine,
                    (b, off, len, cut) -> fwd.add(show(b, off, len, cut)));

            List<String> want = expected(lines, maxLine);
            assertThat(back).as("round %d backwards (block %d, max %d)", round, block, maxLine).isEqualTo(want);
            assertThat(fwd).as("round %d forwards", round).isEqualTo(want);
            assertThat(read).isEqualTo(text.length());
        }
    }

    @Test
    void stoppingEarlyReadsOnlyTheTail() throws IOException {
        ByteArrayOutputStream big = new ByteArrayOutputStream();
        for (int i = 0; i < 200_000; i++) big.write(("line " + i + "\n").getBytes(StandardCharsets.US_ASCII));
        Path f = dir.resolve("big");
        Files.write(f, big.toByteArray());
        List<String> got = new ArrayList<>();
        long read = LineReaders.backwards(f, 4096, 100, (b, off, len, cut) -> {
            got.add(show(b, off, len, cut));
            return got.size() < 3;
        });
        assertThat(got).containsExactly("line 199999", "line 199998", "line 199997");
        assertThat(read).isEqualTo(4096);
    }
}
