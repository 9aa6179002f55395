package dev.dockerdoctor.evidence;

import dev.dockerdoctor.evidence.LogScan.FamilySink;
import dev.dockerdoctor.evidence.LogScan.LogFile;
import dev.dockerdoctor.evidence.LogScan.Tally;
import dev.dockerdoctor.evidence.LogScan.Verdict;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.nio.file.NoSuchFileException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads one log family (a file and its rotations) newest first, each plain file from its end, and stops at the
 * window start. Junk never stops it: binary lines, broken gzip and over-long lines are skipped or cut and counted.
 */
final class FamilyReader {
    static final int BLOCK = 256 * 1024;
    /** After this much unusable text in a row a file is taken for something else than a log and left. */
    static final long JUNK_BUDGET = 4L * 1024 * 1024;
    /** Lines a gzip file may keep for its newest-first replay. */
    static final long GZIP_KEEP_BUDGET = 64L * 1024 * 1024;
    /** A file last written before the window start (minus this) holds nothing for the window. */
    static final long MTIME_SLACK_MILLIS = 60_000;

    private final long sinceMillis;
    private final Tally tally;

    FamilyReader(long sinceMillis, Tally tally) {
        this.sinceMillis = sinceMillis;
        this.tally = tally;
    }

    /** The files of {@code dir/base} newest first: base, base.1, base.2.gz, ..., then base-YYYYMMDD(.gz) newest first. */
    static List<LogFile> family(HostFiles files, String dir, String base) {
        // plain loops, no regex or streams: this runs first in a cold JVM, where each of those costs milliseconds
        List<Ranked> out = new ArrayList<>();
        Path d = files.resolve(dir);
        java.io.File folder = d.toFile();
        String[] names = folder.list(); // java.io, like the reads: NIO's directory streams cost a cold CLI more classes
        if (names == null) return List.of(); // no such folder, or unreadable: no files of this family
        for (String name : names) {
            if (!name.startsWith(base)) continue;
            String rest = name.substring(base.length());
            if (rest.endsWith(".gz")) rest = rest.substring(0, rest.length() - 3);
            int group;
            long key;
            if (rest.isEmpty()) {
                group = 0;
                key = 0;
            } else if (rest.charAt(0) == '.' && digits(rest, 1, 4)) {
                group = 1;
                key = Long.parseLong(rest.substring(1));
            } else if (rest.charAt(0) == '-' && rest.length() >= 9 && digits(rest, 8, 10)) {
                group = 2;
                key = -Long.parseLong(rest.substring(1));
            } else {
                continue;
            }
            java.io.File f = new java.io.File(folder, name);
            if (!f.isFile()) continue; // also when its attributes cannot be read: the read would fail the same way
            String hostPath = (dir.endsWith("/") ? dir : dir + "/") + name;
            out.add(new Ranked(new LogFile(hostPath, d.resolve(name), f.lastModified(), f.length()), group, key));
        }
        out.sort(RANK);
        List<LogFile> files2 = new ArrayList<>(out.size());
        for (Ranked r : out) files2.add(r.file);
        return files2;
    }

    private static final class Ranked {
        final LogFile file;
        final int group;
        final long key;

        Ranked(LogFile file, int group, long key) {
            this.file = file;
            this.group = group;
            this.key = key;
        }
    }

    private static final Comparator<Ranked> RANK = new Comparator<>() {
        @Override
        public int compare(Ranked a, Ranked b) {
            return a.group != b.group ? Integer.compare(a.group, b.group) : Long.compare(a.key, b.key);
        }
    };

    /** Whether s[from..] is all digits, and from+min..from+max of them (counting from the character after the mark). */
    private static boolean digits(String s, int min, int max) {
        int n = s.length() - 1;
        if (n < min || n > max) return false;
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return false;
        }
        return true;
    }

    private static boolean isGzip(Path p) {
        try (InputStream in = LineReaders.openStream(p)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        } catch (IOException e) {
            return false;
        }
    }

    void read(List<LogFile> files, FamilySink sink, int maxLine) {
        for (LogFile f : files) {
            if (f.mtimeMillis() < sinceMillis - MTIME_SLACK_MILLIS) break; // this and older files end before the window
            tally.files++;
            sink.beginFile(f);
            FileScan scan = new FileScan(f, sink);
            try {
                if (isGzip(f.real())) gzip(f, scan, maxLine);
                else tally.bytes += LineReaders.backwards(f.real(), (int) Math.min(BLOCK, Math.max(4096, f.size())), maxLine, scan);
            } catch (AccessDeniedException e) {
                tally.problems.add(f.hostPath() + ": cannot be read (permission denied)");
            } catch (NoSuchFileException e) {
                tally.problems.add(f.hostPath() + ": went away while being read (rotated?)");
            } catch (IOException e) {
                tally.problems.add(f.hostPath() + ": read failed (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
            }
            scan.report();
            if (scan.stopped) break;
        }
        sink.finish();
    }

    private void gzip(LogFile f, FileScan scan, int maxLine) throws IOException {
        Deque<byte[]> kept = new ArrayDeque<>();
        long[] keptBytes = {0};
        boolean[] dropped = {false};
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(LineReaders.openStream(f.real()), 1 << 16), 1 << 16)) {
            LineReaders.forwards(in, maxLine, (b, off, len, cut) -> {
                tally.bytes += len + 1;
                tally.lines++;
                if (cut) scan.cut++;
                while (len > 0 && b[off + len - 1] == '\r') len--;
                while (len > 0 && b[off] == 0) {
                    off++;
                    len--;
                }
                if (len == 0) return true;
                if (!scan.sink.keep(b, off, len)) {
                    if (isJunk(b, off, len)) scan.countJunk(len);
                    return !scan.abandoned;
                }
                byte[] copy = java.util.Arrays.copyOfRange(b, off, off + len);
                kept.addLast(copy);
                keptBytes[0] += copy.length;
                while (keptBytes[0] > GZIP_KEEP_BUDGET && !kept.isEmpty()) {
                    keptBytes[0] -= kept.removeFirst().length;
                    dropped[0] = true;
                }
                return true;
            });
        } catch (EOFException | ZipException e) {
            tally.problems.add(f.hostPath() + ": broken gzip (" + e.getMessage() + "); used the lines before the break");
        }
        if (dropped[0]) tally.problems.add(f.hostPath() + ": too large to keep whole; only its newest lines were used");
        scan.junkRun = 0;
        while (!kept.isEmpty()) {
            byte[] line = kept.removeLast();
            if (!scan.judge(line, 0, line.length)) break;
        }
    }

    /** Per-file cleaning and counting between the line reader and the family's sink. */
    private final class FileScan implements LineReaders.Sink {
        final LogFile file;
        final FamilySink sink;
        long junk;
        long unusable;
        long cut;
        long junkRun;
        boolean stopped;
        boolean abandoned;

        FileScan(LogFile file, FamilySink sink) {
            this.file = file;
            this.sink = sink;
        }

        @Override
        public void block(byte[] buf, int n, int firstLine) {
            sink.block(buf, n, firstLine);
        }

        @Override
        public long skim(byte[] buf, int from, int to, LineReaders.Closer closer) {
            long passed = sink.skim(buf, from, to, closer);
            if (passed > 0) tally.lines += passed;
            return passed;
        }

        @Override
        public boolean line(byte[] b, int off, int len, boolean wasCut) {
            tally.lines++;
            if (wasCut) cut++;
            while (len > 0 && b[off + len - 1] == '\r') len--;
            while (len > 0 && b[off] == 0) { // a crash leaves runs of NULs before the next line
                off++;
                len--;
            }
            return len == 0 || judge(b, off, len);
        }

        /** Hands a clean line to the sink; false to stop reading this file. */
        boolean judge(byte[] b, int off, int len) {
            Verdict v = sink.line(b, off, len);
            switch (v) {
                case STOP -> {
                    stopped = true;
                    return false;
                }
                case UNUSABLE -> {
                    // only lines the log's format rejects are looked at for junk: good lines never pay for it
                    if (isJunk(b, off, len)) junk++;
                    else unusable++;
                    tally.skipped++;
                    spend(len);
                    return !abandoned;
                }
                default -> {
                    junkRun = 0;
                    return true;
                }
            }
        }

        void countJunk(int len) {
            junk++;
            tally.skipped++;
            spend(len);
        }

        private void spend(int len) {
            junkRun += len + 1;
            if (junkRun > JUNK_BUDGET) abandoned = true;
        }

        void report() {
            if (junk > 0) tally.problems.add(file.hostPath() + ": " + junk + " binary line" + (junk == 1 ? "" : "s") + " skipped");
            if (unusable > 0) tally.problems.add(file.hostPath() + ": " + unusable + " line" + (unusable == 1 ? "" : "s") + " not in its log format skipped");
            if (cut > 0) tally.problems.add(file.hostPath() + ": " + cut + " over-long line" + (cut == 1 ? "" : "s") + " cut");
            if (abandoned) tally.problems.add(file.hostPath() + ": no log line in its last " + (JUNK_BUDGET >> 20) + " MiB of text; looks like no log, left unread");
        }
    }

    /** NUL bytes, or more than one byte in eight a control character: not text. */
    static boolean isJunk(byte[] b, int off, int len) {
        int ctl = 0;
        for (int i = off, end = off + len; i < end; i++) {
            int c = b[i] & 0xff;
            if (c < 0x20 && c != '\t') {
                if (c == 0) return true;
                ctl++;
            } else if (c == 0x7f) {
                ctl++;
            }
        }
        return ctl * 8 > len;
    }
}
