package dev.dockerdoctor.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.RandomAccessFile;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Line splitting with bounded memory. A line longer than {@code maxLine} is cut to its first {@code maxLine} bytes
 * (its head holds the time and the program); the rest is never held. Lines come without their newline.
 */
final class LineReaders {
    /** Receives lines; returns false to stop reading. {@code cut} says the line was longer than the limit. */
    interface Sink {
        boolean line(byte[] b, int off, int len, boolean cut);

        /**
         * A block read backwards, before its lines: {@code firstLine} is where its first whole line starts (after
         * its first newline), or -1 when it has none. Lines that lie inside the block arrive with {@code b == buf}.
         */
        default void block(byte[] buf, int n, int firstLine) {
        }

        /**
         * The block's whole lines from {@code from} to the newline at {@code to}, all at once: a sink that can tell
         * most lines apart at a glance looks at each, newest first, and hands only those that need a closer look to
         * {@code closer} (cut as {@link #line} would get them). Returns how many lines it passed over without
         * handing them on, or -1 to have every line come to {@link #line} instead.
         */
        default long skim(byte[] buf, int from, int to, Closer closer) {
            return -1;
        }
    }

    /** Hands the line buf[start, end) of the current block on to {@link Sink#line}; false when the sink says stop. */
    interface Closer {
        boolean line(int start, int end);
    }

    /**
     * Opens a file with java.io, which the JVM has loaded already to read its own jar (NIO's channels cost a cold
     * CLI some fifty classes more), failing as NIO would: NoSuchFileException, AccessDeniedException.
     */
    static RandomAccessFile open(Path file) throws IOException {
        requireRegular(file);
        try {
            return new RandomAccessFile(file.toFile(), "r");
        } catch (FileNotFoundException e) {
            throw whyNot(file, e);
        }
    }

    /** The same for a stream read from the start (gzip). */
    static InputStream openStream(Path file) throws IOException {
        requireRegular(file);
        try {
            return new FileInputStream(file.toFile());
        } catch (FileNotFoundException e) {
            throw whyNot(file, e);
        }
    }

    /** A FIFO, socket or device named like a log would block the read for ever: only regular files are opened. */
    private static void requireRegular(Path file) throws IOException {
        java.io.File f = file.toFile();
        if (f.exists() && !f.isFile() && !f.isDirectory()) {
            throw new IOException(file + " is not a regular file (a FIFO, socket or device): not read");
        }
    }

    private static IOException whyNot(Path file, FileNotFoundException e) {
        java.io.File f = file.toFile();
        if (!f.exists()) return new NoSuchFileException(file.toString());
        if (f.isFile()) return new AccessDeniedException(file.toString());
        return e;
    }

    /** The first newline in b[from, end), or -1. */
    static int nextNewline(byte[] b, int from, int end) {
        // a loop in a method called once per line: the JIT compiles it after a few hundred lines, where a loop
        // over a whole block would run interpreted for tens of thousands
        for (int i = from; i < end; i++) {
            if (b[i] == '\n') return i;
        }
        return -1;
    }

    /** The last newline in b(floor, from], or floor when there is none (the caller knows b[floor] is one). */
    static int previousNewline(byte[] b, int from, int floor) {
        for (int i = from; i > floor; i--) {
            if (b[i] == '\n') return i;
        }
        return floor;
    }

    private LineReaders() {
    }

    /**
     * Reads a file from its end towards its start, newest line first, until the sink says stop. The cost follows
     * how far back the sink wants to go, not the file's size. Returns the bytes read.
     */
    static long backwards(Path file, int blockSize, int maxLine, Sink sink) throws IOException {
        try (RandomAccessFile f = open(file)) {
            return new Backwards(blockSize, maxLine, sink).run(f);
        }
    }

    private static final class Backwards implements Closer {
        private final byte[] buf;
        private final byte[] carry;
        private final int maxLine;
        private final Sink sink;
        private int carryLen;
        private boolean carryCut;
        private boolean stopped;

        Backwards(int blockSize, int maxLine, Sink sink) {
            this.buf = new byte[blockSize];
            this.carry = new byte[maxLine];
            this.maxLine = maxLine;
            this.sink = sink;
        }

        long run(RandomAccessFile file) throws IOException {
            long pos = file.length();
            long read = 0;
            while (pos > 0) {
                int n = (int) Math.min(buf.length, pos);
                pos -= n;
                if (!readFully(file, n, pos)) break;
                read += n;
                int first = nextNewline(buf, 0, n);
                sink.block(buf, n, first < 0 ? -1 : first + 1);
                if (first < 0) { // all of it is the middle of one long line
                    prepend(0, n);
                    continue;
                }
                int last = previousNewline(buf, n - 1, first);
                // the newest line runs on into the block read before: its end is in the carry
                if (!emit(last + 1, n)) return read;
                if (last > first && !inner(first + 1, last)) return read;
                prepend(0, first);
            }
            if (carryLen > 0) sink.line(carry, maxLine - carryLen, carryLen, carryCut);
            return read;
        }

        /** The whole lines from {@code from} to the newline at {@code to}, newest first; false to stop. */
        private boolean inner(int from, int to) {
            stopped = false;
            if (sink.skim(buf, from, to, this) >= 0) return !stopped;
            for (int e = to; e >= from; ) {
                int s = previousNewline(buf, e - 1, from - 1) + 1;
                if (!emit(s, e)) return false;
                e = s - 1;
            }
            return true;
        }

        /** A line the sink's skim wants a closer look at. */
        @Override
        public boolean line(int s, int e) {
            int len = e - s;
            boolean go = len > maxLine ? sink.line(buf, s, maxLine, true) : sink.line(buf, s, len, false);
            if (!go) stopped = true;
            return go;
        }

        private boolean readFully(RandomAccessFile f, int n, long pos) throws IOException {
            f.seek(pos);
            for (int off = 0; off < n; ) {
                int r = f.read(buf, off, n - off);
                if (r < 0) return false; // the file shrank under us (rotated, truncated): stop here
                off += r;
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
