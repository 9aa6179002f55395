package dev.dockerdoctor.postmortem;

import dev.dockerdoctor.model.Diagnosis;
import dev.dockerdoctor.model.LogEvent;
import dev.dockerdoctor.model.Step;
import dev.dockerdoctor.model.StepFamily;
import dev.dockerdoctor.model.StepId;
import dev.dockerdoctor.recovery.AuditLog;
import dev.dockerdoctor.report.Timeline;
import dev.dockerdoctor.watch.Durations;
import dev.dockerdoctor.watch.Incident;
import dev.dockerdoctor.watch.SignalRecord;
import dev.dockerdoctor.watch.TimelineEntry;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The post-mortem of one incident, in Markdown, written from its own record: the incident (signals, timeline,
 * verdict, acknowledgement), what the audit log says was done about it, the host's logs over its window, and a
 * diagnosis of the host now (for which prevention is in place and which is still recommended). Deterministic: the
 * same record gives the same text. Pure: the caller reads the files.
 */
public final class PostMortem {
    /** How far before the first signal the host's logs are read for the cause (an upgrade restarts Docker first). */
    public static final Duration LEAD = Duration.ofHours(2);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private PostMortem() {
    }

    /**
     * @param done    the audit log's entries about the incident, oldest first
     * @param now     a diagnosis of the host now, its log window reaching back to the incident's start minus {@link #LEAD}
     */
    public static String render(Incident i, List<AuditLog.Entry> done, Diagnosis now, ZoneId zone) {
        Instant end = i.resolvedAt() != null ? i.resolvedAt() : now.snapshot().takenAt();
        List<LogEvent> window = now.snapshot().events().stream()
                .filter(e -> !e.time().toInstant().isBefore(i.openedAt().minus(LEAD)) && !e.time().toInstant().isAfter(end))
                .toList();
        StringBuilder md = new StringBuilder();
        String what = i.signals().stream().map(SignalRecord::subject).distinct().collect(Collectors.joining(", "));
        md.append("# Post-mortem: ").append(what.isEmpty() ? "incident" : what).append(" down on ").append(i.host())
                .append(", ").append(DAY.format(i.openedAt().atZone(zone))).append("\n\n");
        md.append("Incident `").append(i.id()).append("`, ").append(i.state().wire())
                .append(". Times are ").append(zone.getId()).append(".\n\n");

        md.append("## Impact\n\n");
        for (SignalRecord s : i.signals()) md.append("- ").append(s.detail()).append('\n');
        md.append("\nFrom ").append(at(i.openedAt(), zone)).append(" to ")
                .append(i.resolvedAt() == null ? "now (still open)" : at(i.resolvedAt(), zone))
                .append(": ").append(Durations.words(Duration.between(i.openedAt(), end))).append(".\n\n");

        md.append("## Detection\n\n");
        SignalRecord first = i.signals().stream().min(Comparator.comparing(SignalRecord::firstSeen)).orElse(null);
        md.append(first == null ? "No signal is on record." : "docker-doctor saw first: " + first.detail() + ", at "
                + TIME.format(first.firstSeen().atZone(zone)) + "; the incident thread opened then.").append("\n\n");

        md.append("## Root cause\n\n");
        md.append(i.namedCause().map(c -> c + ".").orElse("No diagnosis named a cause.")).append('\n');
        List<String> cause = Timeline.lines(window, zone, end);
        if (!cause.isEmpty()) {
            md.append("\nThe host's logs from ").append(Durations.words(LEAD)).append(" before it:\n\n```\n");
            cause.forEach(l -> md.append(l).append('\n'));
            md.append("```\n");
        }
        md.append('\n');

        md.append("## Timeline\n\n```\n");
        List<Dated> lines = new ArrayList<>();
        // the same moment read from syslog and the journal (or dpkg and apt) is one line, as in the report
        for (Timeline.Line l : Timeline.of(window)) {
            lines.add(new Dated(l.at().toInstant(), "host      " + l.words() + (l.times() > 1 ? "  (" + l.times() + " times)" : "")));
        }
        for (TimelineEntry t : i.timeline()) lines.add(new Dated(t.at(), "incident  " + t.text()));
        lines.sort(Comparator.comparing(Dated::at)); // stable: host lines first at the same second
        for (Dated d : lines) md.append(TIME.format(d.at().atZone(zone))).append("  ").append(d.text()).append('\n');
        md.append("```\n\n");

        md.append("## What was done\n\n");
        if (i.acknowledgement() != null) {
            md.append("- ").append(TIME.format(i.acknowledgement().at().atZone(zone))).append(" acknowledged by ")
                    .append(i.acknowledgement().user()).append(i.acknowledgement().reason().isEmpty() ? ""
                            : ": " + i.acknowledgement().reason()).append('\n');
        }
        List<AuditLog.Entry> steps = done.stream().filter(e -> !e.result().equals("acknowledged")).toList();
        for (AuditLog.Entry e : steps) {
            md.append("- ").append(TIME.format(e.time().atZone(zone))).append(" `").append(e.step()).append("` run by ")
                    .append(e.user()).append(": ").append(e.result()).append('\n');
        }
        if (steps.isEmpty()) md.append("- No recovery step was run from Slack.\n");
        md.append('\n');

        md.append("## Prevention\n\n");
        List<Step> recommended = now.plan().stream().filter(s -> StepId.has(s.id(), StepFamily.Effect.PREVENTS)).toList();
        Set<StepFamily> still = EnumSet.noneOf(StepFamily.class);
        recommended.forEach(s -> StepId.parse(s.id()).ifPresent(id -> still.add(id.family())));
        if (recommended.isEmpty()) md.append("Nothing more is recommended on this host now.\n");
        else md.append("Still recommended on this host now:\n\n");
        for (Step s : recommended) {
            // what it does is in the report; here, what it costs (or, when it costs nothing said, what it does)
            md.append("- `").append(s.id()).append("`: ").append(s.title()).append(". ")
                    .append(s.warning() == null ? s.detail() : "Trade-off: " + s.warning()).append('\n');
        }
        List<String> inPlace = new ArrayList<>();
        for (StepFamily f : StepFamily.values()) {
            if (f.has(StepFamily.Effect.PREVENTS) && !still.contains(f)) inPlace.add("`" + f.id() + "`");
        }
        if (!inPlace.isEmpty()) {
            md.append("\nNot recommended now (in place, or not needed on this host): ").append(String.join(", ", inPlace)).append(".\n");
        }
        md.append("\n_Written by docker-doctor from the incident's record, the audit log and the host's logs._\n");
        return md.toString();
    }

    private record Dated(Instant at, String text) {
    }

    private static String at(Instant t, ZoneId zone) {
        return DAY.format(t.atZone(zone)) + " " + TIME.format(t.atZone(zone));
    }
}
