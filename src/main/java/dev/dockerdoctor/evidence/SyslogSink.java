package dev.dockerdoctor.evidence;

import dev.dockerdoctor.evidence.LogScan.LogFile;
import dev.dockerdoctor.evidence.LogScan.Verdict;
import dev.dockerdoctor.model.LogEvent;
import dev.dockerdoctor.parse.logs.Dates;
import dev.dockerdoctor.parse.logs.EventClassifier;
import dev.dockerdoctor.parse.logs.LocalTimes;
import dev.dockerdoctor.parse.logs.LogEvents;
import dev.dockerdoctor.parse.logs.Stamp;
import dev.dockerdoctor.parse.logs.SyslogLine;
import dev.dockerdoctor.parse.logs.SyslogParser;
import dev.dockerdoctor.parse.logs.YearResolver;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Syslog lines newest first: the time of every line is read from its bytes (year inferred backwards), the scan
 * stops at the window start, and only lines that may be events are decoded and parsed.
 */
final class SyslogSink implements LogScan.FamilySink {
    /** Lines may be out of order by this much; the scan stops only when a line is older than the start by more. */
    static final long DISORDER_SECONDS = 300;

    private final LocalTimes times;
    private final long since;
    private final long now;
    private final Stamp stamp = new Stamp();
    private final List<LogEvent> events = new ArrayList<>();
    private YearResolver years;
    private String source;
    private int lastMonth;
    private boolean fastBlock;
    private int blockFirst;

    SyslogSink(LocalTimes times, Instant since, Instant now) {
        this.times = times;
        this.since = since.getEpochSecond();
        this.now = now.getEpochSecond();
    }

    @Override
    public void beginFile(LogFile f) {
        long mtime = Math.floorDiv(f.mtimeMillis(), 1000);
        if (years == null) years = new YearResolver(Math.min(mtime, now + 60), times);
        else years.limit(mtime);
        source = f.hostPath();
        lastMonth = 0;
    }

    /**
     * Before a block's lines: when its oldest whole line is well inside the window, so is every line of the block,
     * and only lines that may be events need their time read. Most lines of a window then cost a look at their tag.
     */
    @Override
    public void block(byte[] buf, int n, int first) {
        fastBlock = false;
        if (first <= 0 || first >= n) return;
        int end = LineReaders.nextNewline(buf, first, n);
        if (end < 0) end = n;
        if (!SyslogParser.parseStamp(buf, first, end - first, stamp)) return;
        long t = stamp.hasYear() ? exact() : years.peek(stamp.month(), stamp.day(), stamp.secondOfDay());
        // a block that reaches far back (a quiet log) is read line by line, so its years are counted right
        fastBlock = t >= since + DISORDER_SECONDS && t > years.bound() - 7 * 86_400L;
        blockFirst = first;
    }

    /**
     * A fast block's lines at a glance, newest first: a line whose tag or markers rule out an event is passed over
     * right here; the others, and the block's oldest line (it keeps the year reckoning going), get a closer look.
     */
    @Override
    public long skim(byte[] buf, int from, int to, LineReaders.Closer closer) {
        if (!fastBlock) return -1;
        long passed = 0;
        for (int e = to; e >= from; ) {
            int s = LineReaders.previousNewline(buf, e - 1, from - 1) + 1;
            int len = e - s;
            if (len > 0) {
                if (s != blockFirst && len <= LogProbe.MAX_LINE && surelyNoEvent(buf, s, len)) passed++;
                else if (!closer.line(s, e)) return passed;
            }
            e = s - 1;
        }
        return passed;
    }

    /** A continuation line, a journalctl note, or a record whose tag or markers rule out an event. */
    private static boolean surelyNoEvent(byte[] b, int off, int len) {
        byte c = b[off];
        if (c == ' ' || c == '\t' || SyslogParser.isCatalogLine(b, off, len)) return true;
        int stampEnd = quickStampEnd(b, off, len);
        return stampEnd > 0 && !EventClassifier.mayBeEvent(b, off, len, stampEnd);
    }

    @Override
    public Verdict line(byte[] b, int off, int len) {
        byte c = b[off];
        if (c == ' ' || c == '\t' || SyslogParser.isCatalogLine(b, off, len)) return Verdict.USED; // continuation, journalctl note
        if (!SyslogParser.parseStamp(b, off, len, stamp)) return Verdict.UNUSABLE;
        long t;
        if (stamp.hasYear()) {
            t = exact();
            years.anchor(t);
        } else {
            t = years.resolve(stamp.month(), stamp.day(), stamp.secondOfDay());
        }
        if (t < since - DISORDER_SECONDS) return Verdict.STOP;
        if (t < since || !EventClassifier.mayBeEvent(b, off, len, stamp.end())) return Verdict.USED;
        SyslogLine rec = SyslogParser.parse(b, off, len);
        if (rec == null) return Verdict.USED;
        OffsetDateTime time = rec.offset() != null
                ? OffsetDateTime.ofInstant(Instant.ofEpochSecond(t, stamp.nanos()), rec.offset())
                : OffsetDateTime.ofInstant(Instant.ofEpochSecond(t, stamp.nanos()), times.offsetAt(t));
        LogEvent e = LogEvents.fromSyslog(rec, time, source, new String(b, off, len, StandardCharsets.UTF_8));
        if (e != null) {
            OffsetDateTime exact = SyslogParser.logrusTime(rec.message());
            if (exact != null) years.anchor(exact.toEpochSecond());
            events.add(e);
        }
        return Verdict.USED;
    }

    /** The instant of a stamp that has its year. */
    private long exact() {
        return stamp.hasOffset()
                ? Dates.epochDay(stamp.year(), stamp.month(), stamp.day()) * 86_400L + stamp.secondOfDay() - stamp.offsetSeconds()
                : times.toEpochSecond(stamp.year(), stamp.month(), stamp.day(), stamp.secondOfDay());
    }

    /**
     * Where the stamp ends, by its shape only ({@code Oct  7 06:20:17 } or {@code 2024-04-21T12:04:54...+02:00 }),
     * or -1 when the line must be parsed in full.
     */
    static int quickStampEnd(byte[] b, int off, int len) {
        if (len > 16 && b[off + 3] == ' ' && b[off + 6] == ' ' && b[off + 9] == ':' && b[off + 12] == ':' && b[off + 15] == ' ') {
            return off + 15;
        }
        if (len > 26 && b[off + 4] == '-' && b[off + 10] == 'T' && b[off + 13] == ':') {
            for (int i = off + 19, end = Math.min(off + len, off + 40); i < end; i++) {
                if (b[i] == ' ') return i;
            }
        }
        return -1;
    }

    /** In a gzip file read forwards, keep the lines that may be events and those where the month turns. */
    @Override
    public boolean keep(byte[] b, int off, int len) {
        if (!SyslogParser.parseStamp(b, off, len, stamp)) return false;
        if (EventClassifier.mayBeEvent(b, off, len, stamp.end())) return true;
        boolean turn = stamp.month() != lastMonth;
        lastMonth = stamp.month();
        return turn;
    }

    @Override
    public List<LogEvent> events() {
        List<LogEvent> out = new ArrayList<>(events);
        java.util.Collections.reverse(out); // read newest first; give them in file order
        return out;
    }
}
