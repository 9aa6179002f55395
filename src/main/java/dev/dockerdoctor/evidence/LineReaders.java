package dev.dockerdoctor.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Line splitting with bounded memory. A line longer than {@code maxLine} is cut to its first {@code maxLine} bytes
 * (its head holds the time and the program); the rest is never held. Lines come without their newline.
 */
final class LineReaders {
    /** Receives lines; returns false to stop reading. {@code cut} says the line was longer than the limit. */
    interface Sink {
        boolean line(byte[] b, int off, int len, boolean cut);

        /**
         * A block read backwards, before its lines: {@code text} is {@code buf[0, n)} as a Latin-1 string, for
         * searches the JVM runs as intrinsics. Lines that lie inside the block arrive with {@code b == buf}.
         */
        default void block(byte[] buf, int n, String text) {
        }
    }

    private LineReaders() {
    }

    /**
     * Reads a file from its end towards its start, newest line first, until the sink says stop. The cost follows
     * how far back the sink wants to go, not the file's size. Returns the bytes read.
     */
    static long backwards(Path file, int blockSize, int maxLine, Sink sink) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return new Backwards(blockSize, maxLine, sink).run(ch);
        }
    }

    private static final class Backwards {
        private final byte[] buf;
        private final byte[] carry;
        private final int maxLine;
        private final Sink sink;
        private int carryLen;
        private boolean carryCut;
        private int[] newlines = new int[4096];

        Backwards(int blockSize, int maxLine, Sink sink) {
            this.buf = new byte[blockSize];
            this.carry = new byte[maxLine];
            this.maxLine = maxLine;
            this.sink = sink;
        }

        long run(FileChannel ch) throws IOException {
            long pos = ch.size();
            long read = 0;
            while (pos > 0) {
                int n = (int) Math.min(buf.length, pos);
                pos -= n;
                if (!readFully(ch, n, pos)) break;
                read += n;
                // String.indexOf runs as a vectorised intrinsic even while this loop is still interpreted: a cold
                // CLI spends its time per line here, not per byte
                String text = new String(buf, 0, n, StandardCharsets.ISO_8859_1);
                sink.block(buf, n, text);
                int count = 0;
                for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
                    if (count == newlines.length) newlines = Arrays.copyOf(newlines, count * 2);
                    newlines[count++] = i;
                }
                int end = n;
                for (int k = count - 1; k >= 0; k--) {
                    int i = newlines[k];
                    if (!emit(i + 1, end)) return read;
                    end = i;
                }
                prepend(0, end);
            }
            if (carryLen > 0) sink.line(carry, maxLine - carryLen, carryLen, carryCut);
            return read;
        }

        private boolean readFully(FileChannel ch, int n, long pos) throws IOException {
            ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
            while (bb.hasRemaining()) {
                int r = ch.read(bb, pos + bb.position());
                if (r < 0) return false; // the file shrank under us (rotated, truncated): stop here
            }
            return true;
        }

        /** The line buf[s, e) + carry. */
        private boolean emit(int s, int e) {
            boolean go;
            if (carryLen == 0) {
                int len = e - s;
                if (len == 0) return true;
                go = len > maxLine ? sink.line(buf, s, maxLine, true) : sink.line(buf, s, len, false);
            } else {
                prepend(s, e);
                go = sink.line(carry, maxLine - carryLen, carryLen, carryCut);
                carryLen = 0;
                carryCut = false;
            }
            return go;
        }

        /** Puts buf[s, e) in front of the carried part of the line, keeping only the line's first maxLine bytes. */
        private void prepend(int s, int e) {
            int fl = e - s;
            if (fl == 0) return;
            if (carryLen + fl <= maxLine) {
                System.arraycopy(buf, s, carry, maxLine - carryLen - fl, fl);
                carryLen += fl;
                return;
            }
            carryCut = true;
            if (fl >= maxLine) {
                System.arraycopy(buf, s, carry, 0, maxLine);
            } else {
                System.arraycopy(carry, maxLine - carryLen, carry, fl, maxLine - fl);
                System.arraycopy(buf, s, carry, 0, fl);
            }
            carryLen = maxLine;
        }
    }

    /** Reads a stream from start to end (for gzip, which cannot be read backwards). */
    static void forwards(InputStream in, int maxLine, Sink sink) throws IOException {
        byte[] buf = new byte[64 * 1024];
        byte[] line = new byte[maxLine];
        int len = 0;
        boolean cut = false;
        int n;
        while ((n = in.read(buf)) > 0) {
            int start = 0;
            for (int i = 0; i < n; i++) {
                if (buf[i] != '\n') continue;
                int fl = i - start;
                if (len == 0 && fl <= maxLine) {
                    if (fl > 0 && !sink.line(buf, start, fl, false)) return;
                } else {
                    int take = Math.min(fl, maxLine - len);
                    if (take > 0) System.arraycopy(buf, start, line, len, take);
                    len += Math.max(take, 0);
                    if (!sink.line(line, 0, len, cut || take < fl)) return;
                }
                len = 0;
                cut = false;
                start = i + 1;
            }
            int fl = n - start;
            int take = Math.min(fl, maxLine - len);
            if (take > 0) {
                System.arraycopy(buf, start, line, len, take);
                len += take;
            }
            if (take < fl) cut = true;
        }
        if (len > 0) sink.line(line, 0, len, cut);
    }
}
