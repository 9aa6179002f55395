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

    /** n lines, short or long (some empty), of the first {@code letters} letters of the alphabet. */
    private static List<String> randomLines(Random rnd, int n, int letters) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int len = rnd.nextInt(rnd.nextBoolean() ? 10 : 120);
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < len; k++) sb.append((char) ('a' + rnd.nextInt(letters)));
            lines.add(sb.toString());
        }
        return lines;
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
            List<String> lines = randomLines(rnd, rnd.nextInt(30), 26);
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

    /** A sink that passes over lines starting with 'a' in its skim and wants the rest one by one. */
    private static final class SkimmingSink implements LineReaders.Sink {
        final List<String> got = new ArrayList<>();
        long passed;
        int stopAfter = Integer.MAX_VALUE;

        @Override
        public boolean line(byte[] b, int off, int len, boolean cut) {
            got.add(show(b, off, len, cut));
            return got.size() < stopAfter;
        }

        @Override
        public long skim(byte[] buf, int from, int to, LineReaders.Closer closer) {
            long n = 0;
            for (int e = to; e >= from; ) {
                int s = LineReaders.previousNewline(buf, e - 1, from - 1) + 1;
                if (e > s && buf[s] == 'a') n++;
                else if (e > s && !closer.line(s, e)) break;
                e = s - 1;
            }
            passed += n;
            return n;
        }
    }

    @Test
    void aSkimmingSinkSeesEveryOtherLineOnceInOrderAndCut() throws IOException {
        Random rnd = new Random(11);
        for (int round = 0; round < 300; round++) {
            int maxLine = 1 + rnd.nextInt(40);
            int block = 1 + rnd.nextInt(64);
            List<String> lines = randomLines(rnd, rnd.nextInt(40), 3);
            String text = String.join("\n", lines) + (rnd.nextBoolean() && !lines.isEmpty() ? "\n" : "");
            Path f = dir.resolve("s" + round);
            Files.writeString(f, text, StandardCharsets.US_ASCII);

            SkimmingSink sink = new SkimmingSink();
            LineReaders.backwards(f, block, maxLine, sink);
            List<String> got = new ArrayList<>(sink.got);
            Collections.reverse(got);
            // every line comes once: lines inside a block starting with 'a' are passed over, all others handed on
            List<String> want = expected(lines, maxLine);
            List<String> handed = new ArrayList<>();
            for (String w : want) if (!w.startsWith("a")) handed.add(w);
            assertThat(got).as("round %d (block %d, max %d)", round, block, maxLine).containsAll(handed);
            assertThat(got).as("round %d: only lines in want, in order", round).isSubsetOf(want);
            assertThat(got.size() + sink.passed).as("round %d: each line once", round).isEqualTo(want.size());
            int w = 0;
            for (String g : got) {
                while (w < want.size() && !want.get(w).equals(g)) w++;
                assertThat(w).as("round %d: %s comes in file order", round, g).isLessThan(want.size());
                w++;
            }
        }
    }

    @Test
    void aSkimStoppingEarlyStopsTheRead() throws IOException {
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 50_000; i++) big.append(i % 10 == 0 ? "b" : "a").append(" line ").append(i).append('\n');
        Path f = dir.resolve("skimstop");
        Files.writeString(f, big.toString(), StandardCharsets.US_ASCII);
        SkimmingSink sink = new SkimmingSink();
        sink.stopAfter = 2;
        long read = LineReaders.backwards(f, 4096, 100, sink);
        assertThat(sink.got).containsExactly("b line 49990", "b line 49980");
        assertThat(read).isEqualTo(4096);
    }

    @Test
    void aMissingFileFailsAsNioWould() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LineReaders.backwards(dir.resolve("gone"), 4096, 100, (b, o, l, c) -> true))
                .isInstanceOf(java.nio.file.NoSuchFileException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LineReaders.openStream(dir.resolve("gone")))
                .isInstanceOf(java.nio.file.NoSuchFileException.class);
    }
}
