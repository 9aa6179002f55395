package dev.dockerdoctor.parse.logs;

import dev.dockerdoctor.model.EventKind;
import dev.dockerdoctor.model.LogEvent;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Parsed records to events: one event per evidence line, its message the line as the log wrote it (cut when very
 * long). Package events only for the Docker family ({@link DockerPackages}): the timeline is about what restarted
 * Docker, and a large upgrade would otherwise bury it.
 */
public final class LogEvents {
    /** Longest message kept; the rest of a line is not evidence anyone reads. */
    public static final int MAX_MESSAGE = 1000;

    private LogEvents() {
    }

    /**
     * The event of a syslog line, or null. {@code time} is the line's resolved time; dockerd's own
     * {@code time="..."} wins when present (it has the year and the sub-second).
     */
    public static LogEvent fromSyslog(SyslogLine line, OffsetDateTime time, String source, String rawLine) {
        EventKind kind = EventClassifier.classify(line.program(), line.message());
        if (kind == null) return null;
        OffsetDateTime exact = SyslogParser.logrusTime(line.message());
        return event(exact != null ? exact : time, kind, source, clip(rawLine), line.message());
    }

    /** A snap refresh is the snap's package upgrade: it carries the snap's name and the revision it mounted. */
    private static LogEvent event(OffsetDateTime time, EventKind kind, String source, String text, String message) {
        if (kind != EventKind.PACKAGE_UPGRADE) return LogEvent.of(time, kind, source, text);
        String revision = EventClassifier.snapRevision(message);
        return new LogEvent(time, kind, source, text, DockerPackages.SNAP, null, revision == null ? null : "revision " + revision);
    }

    /** The event of a journal entry, or null. Container output (Docker's journald log driver) is never one. */
    public static LogEvent fromJournal(JournalEntry e) {
        if (e.containerId() != null) return null;
        EventKind kind = EventClassifier.classify(e.program(), e.message());
        if (kind == null) return null;
        return event(e.time(), kind, "journal", clip(e.shortLine()), e.message());
    }

    /** Events for the Docker-family packages an apt run changed, at its start. */
    public static List<LogEvent> fromAptRun(AptRun run, ZoneId zone, String source) {
        List<LogEvent> out = new ArrayList<>();
        OffsetDateTime at = run.start().atZone(zone).toOffsetDateTime();
        String by = run.commandline() == null ? "" : " [Commandline: " + run.commandline() + "]";
        for (PackageChange c : run.changes()) {
            if (!DockerPackages.isDockerFamily(c.name())) continue;
            EventKind kind = packageKind(c.action());
            if (kind == null) continue;
            String spec = c.arch() == null ? c.name() : c.name() + ":" + c.arch();
            String versions = c.from() != null && c.to() != null && !c.from().equals(c.to())
                    ? c.from() + ", " + c.to() : c.from() != null ? c.from() : c.to();
            String text = c.action() + ": " + spec + " (" + versions + ")" + by;
            out.add(new LogEvent(at, kind, source, clip(text), c.name(), c.from(), c.to()));
        }
        return out;
    }

    /** The event of a dpkg.log line for a Docker-family package install, upgrade or removal, or null. */
    public static LogEvent fromDpkg(DpkgEntry e, ZoneId zone, String source, String rawLine) {
        if (!DockerPackages.isDockerFamily(e.name())) return null;
        EventKind kind = e.isUpgrade() ? EventKind.PACKAGE_UPGRADE : e.isInstall() ? EventKind.PACKAGE_INSTALL
                : e.isRemoval() ? EventKind.PACKAGE_REMOVE : null;
        if (kind == null) return null;
        return new LogEvent(e.time().atZone(zone).toOffsetDateTime(), kind, source, clip(rawLine), e.name(),
                e.from(), e.to());
    }

    private static EventKind packageKind(String action) {
        return switch (action) {
            case "Upgrade", "Downgrade" -> EventKind.PACKAGE_UPGRADE;
            case "Install", "Reinstall" -> EventKind.PACKAGE_INSTALL;
            case "Remove", "Purge" -> EventKind.PACKAGE_REMOVE;
            default -> null;
        };
    }

    public static String clip(String s) {
        if (s == null) return null;
        String t = s.stripTrailing();
        return t.length() <= MAX_MESSAGE ? t : t.substring(0, MAX_MESSAGE) + "…";
    }
}
