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

    @Override
    public Verdict line(byte[] b, int off, int len) {
        byte c = b[off];
        if (c == ' ' || c == '\t' || SyslogParser.isCatalogLine(b, off, len)) return Verdict.USED; // continuation, journalctl note
        if (!SyslogParser.parseStamp(b, off, len, stamp)) return Verdict.UNUSABLE;
        long t;
        if (stamp.hasYear()) {
            t = stamp.hasOffset()
                    ? Dates.epochDay(stamp.year(), stamp.month(), stamp.day()) * 86_400L + stamp.secondOfDay() - stamp.offsetSeconds()
                    : times.toEpochSecond(stamp.year(), stamp.month(), stamp.day(), stamp.secondOfDay());
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
