package dev.dockerdoctor.evidence;

import dev.dockerdoctor.evidence.LogScan.FamilySink;
import dev.dockerdoctor.evidence.LogScan.LogFile;
import dev.dockerdoctor.evidence.LogScan.Tally;
import dev.dockerdoctor.model.EventKind;
import dev.dockerdoctor.model.LogEvent;
import dev.dockerdoctor.model.LogStats;
import dev.dockerdoctor.parse.logs.JournalEntry;
import dev.dockerdoctor.parse.logs.JournalParser;
import dev.dockerdoctor.parse.logs.LocalTimes;
import dev.dockerdoctor.parse.logs.LogEvents;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The log phase: reads the window [since, now] of the host's logs (through {@link HostFiles}, so under the host
 * root) and turns the lines that tell Docker's story into events, in time order.
 * <ul>
 *   <li>syslog: {@code /var/log/syslog} and its rotations; else {@code /var/log/messages} and {@code daemon.log};</li>
 *   <li>the journal, through {@code journalctl --directory}, where no syslog file covers the window;</li>
 *   <li>{@code /var/log/apt/history.log}, {@code /var/log/dpkg.log}, {@code /var/log/unattended-upgrades/unattended-upgrades.log}.</li>
 * </ul>
 * Each file is read from its end and left at the window start, newest rotation first, so the cost follows the
 * window, not the size of the logs. Memory is bounded (lines are cut at {@link #MAX_LINE}). Nothing here is fatal:
 * unreadable files, binary junk, broken gzip and a failing journalctl are counted in {@link LogStats#problems()}.
 */
public final class LogProbe {
    /** Longest syslog, dpkg or unattended-upgrades line kept; the rest of a longer one is skipped. */
    public static final int MAX_LINE = 64 * 1024;
    /** history.log's Upgrade: line lists every package of a run: allow it more. */
    public static final int MAX_HISTORY_LINE = 1024 * 1024;
    private static final long MAX_JOURNAL_LINES = 500_000;

    /** The events in time order, how the reading went, and how many bytes it took (the window's cost). */
    public record Result(List<LogEvent> events, LogStats stats, long bytesRead) {
        public Result {
            events = List.copyOf(events);
        }
    }

    private final HostFiles files;
    private final ZoneId zone;
    private final Journal journal;

    /** With the machine's own journalctl for hosts that have no syslog file. */
    public LogProbe(HostFiles files, ZoneId zone) {
        this(files, zone, JournalCtl.standard());
    }

    public LogProbe(HostFiles files, ZoneId zone, Journal journal) {
        this.files = files;
        this.zone = zone;
        this.journal = journal;
    }

    public Result read(Instant since, Instant now) {
        long t0 = System.nanoTime();
        Tally tally = new Tally();
        long sinceMillis = since.toEpochMilli();
        List<List<LogEvent>> parts = new ArrayList<>();

        List<LogFile> syslog = FamilyReader.family(files, "/var/log", "syslog");
        List<List<LogFile>> syslogGroups = new ArrayList<>();
        if (!syslog.isEmpty()) {
            syslogGroups.add(syslog);
        } else { // Red Hat style, or Debian without syslog: messages has no daemon facility, daemon.log has
            for (String base : List.of("messages", "daemon.log")) {
                List<LogFile> g = FamilyReader.family(files, "/var/log", base);
                if (!g.isEmpty()) syslogGroups.add(g);
            }
        }
        boolean syslogCoversWindow = false;
        for (List<LogFile> g : syslogGroups) {
            syslogCoversWindow |= g.get(0).mtimeMillis() >= sinceMillis - FamilyReader.MTIME_SLACK_MILLIS;
            SyslogSink sink = new SyslogSink(new LocalTimes(zone), since, now);
            new FamilyReader(sinceMillis, tally).read(g, sink, MAX_LINE);
            parts.add(sink.events());
        }
        if (!syslogCoversWindow) parts.add(readJournal(since, now, tally, !syslogGroups.isEmpty()));

        read(tally, sinceMillis, FamilyReader.family(files, "/var/log/apt", "history.log"),
                new AptLogSinks.History(zone, since), MAX_HISTORY_LINE, parts);
        read(tally, sinceMillis, FamilyReader.family(files, "/var/log", "dpkg.log"),
                new AptLogSinks.Dpkg(zone, since), MAX_LINE, parts);
        read(tally, sinceMillis, FamilyReader.family(files, "/var/log", "dnf.rpm.log"),
                new AptLogSinks.DnfRpm(since), MAX_LINE, parts);
        read(tally, sinceMillis, FamilyReader.family(files, "/var/log/unattended-upgrades", "unattended-upgrades.log"),
                new AptLogSinks.Unattended(zone, since, now), MAX_LINE, parts);

        List<LogEvent> events = merge(parts);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        return new Result(events, new LogStats(tally.files, tally.lines, tally.skipped, tally.problems, ms), tally.bytes);
    }

    private static void read(Tally tally, long sinceMillis, List<LogFile> family, FamilySink sink, int maxLine,
                             List<List<LogEvent>> parts) {
        if (family.isEmpty()) return;
        new FamilyReader(sinceMillis, tally).read(family, sink, maxLine);
        parts.add(sink.events());
    }

    private List<LogEvent> readJournal(Instant since, Instant now, Tally tally, boolean staleSyslog) {
        Path dir = null;
        for (String d : List.of("/var/log/journal", "/run/log/journal")) {
            Path p = files.resolve(d);
            if (Files.isDirectory(p)) {
                dir = p;
                break;
            }
        }
        if (dir == null) {
            tally.problems.add(staleSyslog
                    ? "syslog has nothing since " + since + " and there is no journal (/var/log/journal) to read instead"
                    : "no syslog file (/var/log/syslog, /var/log/messages) and no journal (/var/log/journal) to read");
            return List.of();
        }
        tally.files++;
        List<LogEvent> newestFirst = new ArrayList<>();
        long[] skipped = {0};
        long[] lines = {0};
        List<String> problems = journal.read(dir, since, now, line -> {
            lines[0]++;
            JournalEntry e = JournalParser.parse(line, zone);
            if (e == null) {
                skipped[0]++;
                return true;
            }
            LogEvent ev = LogEvents.fromJournal(e);
            if (ev != null && !ev.time().toInstant().isBefore(since)) newestFirst.add(ev);
            return lines[0] < MAX_JOURNAL_LINES;
        });
        tally.lines += lines[0];
        tally.skipped += skipped[0];
        tally.problems.addAll(problems);
        if (lines[0] >= MAX_JOURNAL_LINES) tally.problems.add("journal: more than " + MAX_JOURNAL_LINES + " entries; only the newest were read");
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    /**
     * All parts in time order; the same line seen in two files (messages and daemon.log) once. Within one second the
     * order of the files wins: classic syslog times have no fraction, so dockerd's exact sub-second times must not
     * move its lines ahead of the systemd lines it was logged after.
     */
    static List<LogEvent> merge(List<List<LogEvent>> parts) {
        List<LogEvent> all = new ArrayList<>();
        Map<SameLine, String> seen = new HashMap<>();
        for (List<LogEvent> part : parts) {
            for (LogEvent e : part) {
                String firstSource = seen.putIfAbsent(new SameLine(e), e.source());
                if (firstSource != null && !firstSource.equals(e.source())) continue;
                all.add(e);
            }
        }
        all.sort(BY_SECOND);
        return all;
    }

    // plain classes, not lambdas or records: each first use of those costs a cold JVM a few milliseconds
    private static final Comparator<LogEvent> BY_SECOND = new Comparator<>() {
        @Override
        public int compare(LogEvent a, LogEvent b) {
            return Long.compare(a.time().toEpochSecond(), b.time().toEpochSecond());
        }
    };

    /** Two events from the same line: same instant, kind and text. */
    private static final class SameLine {
        private final long second;
        private final int nano;
        private final EventKind kind;
        private final String message;

        SameLine(LogEvent e) {
            second = e.time().toEpochSecond();
            nano = e.time().getNano();
            kind = e.kind();
            message = e.message();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SameLine x && x.second == second && x.nano == nano && x.kind == kind
                    && java.util.Objects.equals(x.message, message);
        }

        @Override
        public int hashCode() {
            return (int) (second ^ (second >>> 32)) * 31 + nano * 17 + kind.ordinal() + (message == null ? 0 : message.hashCode());
        }
    }
}
