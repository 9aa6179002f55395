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
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
        Pattern p = Pattern.compile("^" + Pattern.quote(base) + "(?:\\.(\\d{1,4})|-(\\d{8,10}))?(\\.gz)?$");
        record Ranked(LogFile f, int group, long key) {
        }
        List<Ranked> out = new ArrayList<>();
        for (String hostPath : files.list(dir)) {
            String name = hostPath.substring(hostPath.lastIndexOf('/') + 1);
            Matcher m = p.matcher(name);
            if (!m.matches()) continue;
            var real = files.resolve(hostPath);
            try {
                BasicFileAttributes a = Files.readAttributes(real, BasicFileAttributes.class);
                if (!a.isRegularFile()) continue;
                boolean gz = isGzip(real);
                int group = m.group(1) != null ? 1 : m.group(2) != null ? 2 : 0;
                long key = group == 1 ? Long.parseLong(m.group(1)) : group == 2 ? -Long.parseLong(m.group(2)) : 0;
                out.add(new Ranked(new LogFile(hostPath, real, a.lastModifiedTime().toMillis(), a.size(), gz), group, key));
            } catch (IOException e) {
                // unreadable attributes: the read below would fail the same way; leave it out
            }
        }
        out.sort(Comparator.comparingInt(Ranked::group).thenComparingLong(Ranked::key));
        return out.stream().map(Ranked::f).toList();
    }

    private static boolean isGzip(java.nio.file.Path p) {
        try (InputStream in = Files.newInputStream(p)) {
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
                if (f.gzip()) gzip(f, scan, maxLine);
                else tally.bytes += LineReaders.backwards(f.real(), BLOCK, maxLine, scan);
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
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(f.real()), 1 << 16), 1 << 16)) {
            LineReaders.forwards(in, maxLine, (b, off, len, cut) -> {
                tally.bytes += len + 1;
                int[] s = scan.clean(b, off, len, cut);
                if (s == null) return !scan.abandoned;
                if (!scan.sink.keep(b, s[0], s[1])) {
                    if (isJunk(b, s[0], s[1])) scan.countJunk(s[1]);
                } else {
                    byte[] copy = java.util.Arrays.copyOfRange(b, s[0], s[0] + s[1]);
                    kept.addLast(copy);
                    keptBytes[0] += copy.length;
                    while (keptBytes[0] > GZIP_KEEP_BUDGET && !kept.isEmpty()) {
                        keptBytes[0] -= kept.removeFirst().length;
                        dropped[0] = true;
                    }
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
        public void block(byte[] buf, int n, String text) {
            sink.block(buf, n, text);
        }

        @Override
        public boolean line(byte[] b, int off, int len, boolean wasCut) {
            int[] s = clean(b, off, len, wasCut);
            if (s == null) return !abandoned;
            return judge(b, s[0], s[1]);
        }

        /** Counts the line; strips CR and leading NULs; null when nothing is left. */
        int[] clean(byte[] b, int off, int len, boolean wasCut) {
            tally.lines++;
            if (wasCut) cut++;
            while (len > 0 && b[off + len - 1] == '\r') len--;
            while (len > 0 && b[off] == 0) { // a crash leaves runs of NULs before the next line
                off++;
                len--;
            }
            if (len == 0) return null;
            return new int[]{off, len};
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
