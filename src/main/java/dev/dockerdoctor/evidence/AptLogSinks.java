package dev.dockerdoctor.evidence;

import dev.dockerdoctor.evidence.LogScan.LogFile;
import dev.dockerdoctor.evidence.LogScan.Verdict;
import dev.dockerdoctor.model.EventKind;
import dev.dockerdoctor.model.LogEvent;
import dev.dockerdoctor.parse.logs.AptHistoryParser;
import dev.dockerdoctor.parse.logs.AptRun;
import dev.dockerdoctor.parse.logs.DpkgEntry;
import dev.dockerdoctor.parse.logs.DpkgLogParser;
import dev.dockerdoctor.parse.logs.LogEvents;
import dev.dockerdoctor.parse.logs.UnattendedLine;
import dev.dockerdoctor.parse.logs.UnattendedUpgradesParser;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The sinks for apt's and dpkg's own logs, read newest first like syslog. */
final class AptLogSinks {
    private AptLogSinks() {
    }

    private static String text(byte[] b, int off, int len) {
        return new String(b, off, len, StandardCharsets.UTF_8);
    }

    /** {@code history.log}: a block is complete, read backwards, when its Start-Date line arrives. */
    static final class History implements LogScan.FamilySink {
        private static final int MAX_BLOCK_LINES = 256;
        private final ZoneId zone;
        private final long since;
        private final List<String> block = new ArrayList<>();
        private final List<List<LogEvent>> runs = new ArrayList<>();
        private String source;

        History(ZoneId zone, Instant since) {
            this.zone = zone;
            this.since = since.getEpochSecond();
        }

        @Override
        public void beginFile(LogFile f) {
            block.clear(); // rotation happens between blocks
            source = f.hostPath();
        }

        @Override
        public Verdict line(byte[] b, int off, int len) {
            String s = text(b, off, len);
            if (!s.contains(": ")) return Verdict.UNUSABLE;
            if (block.size() >= MAX_BLOCK_LINES) block.clear();
            block.add(s);
            if (!s.startsWith("Start-Date:")) return Verdict.USED;
            List<String> lines = new ArrayList<>(block);
            Collections.reverse(lines);
            block.clear();
            AptRun run = AptHistoryParser.parseBlock(lines);
            if (run == null) return Verdict.UNUSABLE;
            long start = run.start().atZone(zone).toEpochSecond();
            if (start < since - SyslogSink.DISORDER_SECONDS) return Verdict.STOP;
            if (start >= since) runs.add(LogEvents.fromAptRun(run, zone, source));
            return Verdict.USED;
        }

        @Override
        public List<LogEvent> events() {
            List<LogEvent> out = new ArrayList<>();
            for (int i = runs.size() - 1; i >= 0; i--) out.addAll(runs.get(i));
            return out;
        }
    }

    /** {@code dpkg.log}: one line, one action, full date. */
    /** A sink of one event per line at most: the file it reads names the events, which come out oldest first. */
    private abstract static class LineEvents implements LogScan.FamilySink {
        final List<LogEvent> events = new ArrayList<>();
        String source;

        @Override
        public void beginFile(LogFile f) {
            source = f.hostPath();
        }

        @Override
        public List<LogEvent> events() {
            List<LogEvent> out = new ArrayList<>(events);
            Collections.reverse(out);
            return out;
        }
    }

    static final class Dpkg extends LineEvents {
        private final ZoneId zone;
        private final long since;

        Dpkg(ZoneId zone, Instant since) {
            this.zone = zone;
            this.since = since.getEpochSecond();
        }

        @Override
        public Verdict line(byte[] b, int off, int len) {
            String s = text(b, off, len);
            DpkgEntry e = DpkgLogParser.parse(s);
            if (e == null) return Verdict.UNUSABLE;
            long t = e.time().atZone(zone).toEpochSecond();
            if (t < since - SyslogSink.DISORDER_SECONDS) return Verdict.STOP;
            if (t < since) return Verdict.USED;
            LogEvent ev = LogEvents.fromDpkg(e, zone, source, s);
            if (ev != null) events.add(ev);
            return Verdict.USED;
        }
    }

    /**
     * {@code dnf.rpm.log} (RPM family): an {@code Upgrade:} item with the {@code Upgraded:} item of the version it
     * replaced, which dnf writes right after it (read newest first: the replaced version arrives first).
     */
    static final class DnfRpm extends LineEvents {
        private final long since;
        private final java.util.Map<String, String> replaced = new java.util.HashMap<>();

        DnfRpm(Instant since) {
            this.since = since.getEpochSecond();
        }

        @Override
        public Verdict line(byte[] b, int off, int len) {
            String s = text(b, off, len);
            dev.dockerdoctor.parse.logs.DnfRpmLogParser.Item e = dev.dockerdoctor.parse.logs.DnfRpmLogParser.parse(s);
            if (e == null) return Verdict.UNUSABLE;
            long t = e.time().toEpochSecond();
            if (t < since - SyslogSink.DISORDER_SECONDS) return Verdict.STOP;
            if (t < since || !dev.dockerdoctor.parse.logs.DockerPackages.isDockerFamily(e.name())) return Verdict.USED;
            switch (e.action()) {
                case "Upgraded", "Downgraded" -> replaced.put(e.name(), e.version());
                case "Upgrade", "Downgrade" -> events.add(new LogEvent(e.time(), EventKind.PACKAGE_UPGRADE, source,
                        LogEvents.clip(s), e.name(), replaced.remove(e.name()), e.version()));
                case "Install", "Installed" -> events.add(new LogEvent(e.time(), EventKind.PACKAGE_INSTALL, source,
                        LogEvents.clip(s), e.name(), null, e.version()));
                case "Erase", "Erased", "Remove", "Removed" -> events.add(new LogEvent(e.time(), EventKind.PACKAGE_REMOVE,
                        source, LogEvents.clip(s), e.name(), e.version(), null));
                default -> { }
            }
            return Verdict.USED;
        }
    }

    /**
     * {@code unattended-upgrades.log}: runs are bursts of lines (the messages are translated, so no text is
     * relied on); a run's first line is an apt-daily-upgrade start, its last an end once a silence followed.
     */
    static final class Unattended implements LogScan.FamilySink {
        private record Entry(UnattendedLine line, String raw, String source) {
        }

        private static final int MAX_LINES = 200_000;
        private final ZoneId zone;
        private final Instant since;
        private final Instant now;
        private final List<Entry> newestFirst = new ArrayList<>();
        private final List<LogEvent> events = new ArrayList<>();
        private String source;

        Unattended(ZoneId zone, Instant since, Instant now) {
            this.zone = zone;
            this.since = since;
            this.now = now;
        }

        @Override
        public void beginFile(LogFile f) {
            source = f.hostPath();
        }

        @Override
        public Verdict line(byte[] b, int off, int len) {
            String s = text(b, off, len);
            UnattendedLine u = UnattendedUpgradesParser.parse(s);
            if (u == null) {
                // tracebacks and wrapped lists continue the line before them
                return Character.isWhitespace(s.charAt(0)) || s.startsWith("Traceback") ? Verdict.USED : Verdict.UNUSABLE;
            }
            newestFirst.add(new Entry(u, s, source));
            // one line before the window tells whether the first line inside it starts a run
            if (u.time().atZone(zone).toInstant().isBefore(since) || newestFirst.size() >= MAX_LINES) return Verdict.STOP;
            return Verdict.USED;
        }

        @Override
        public void finish() {
            List<Entry> entries = new ArrayList<>(newestFirst);
            Collections.reverse(entries);
            List<UnattendedLine> lines = entries.stream().map(Entry::line).toList();
            List<UnattendedUpgradesParser.Run> runs = UnattendedUpgradesParser.runs(lines,
                    UnattendedUpgradesParser.RUN_GAP, LocalDateTime.ofInstant(now, zone));
            int i = 0;
            for (UnattendedUpgradesParser.Run r : runs) {
                while (entries.get(i).line() != r.first()) i++;
                Entry first = entries.get(i);
                while (entries.get(i).line() != r.last()) i++;
                Entry last = entries.get(i);
                add(first, EventKind.APT_DAILY_UPGRADE_START);
                if (r.finished()) add(last, EventKind.APT_DAILY_UPGRADE_END);
            }
        }

        private void add(Entry e, EventKind kind) {
            var t = e.line().time().atZone(zone).toOffsetDateTime();
            if (t.toInstant().isBefore(since)) return;
            events.add(LogEvent.of(t, kind, e.source(), LogEvents.clip(e.raw())));
        }

        @Override
        public List<LogEvent> events() { return events; }
    }
}
