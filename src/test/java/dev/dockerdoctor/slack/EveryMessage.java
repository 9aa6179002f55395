package dev.dockerdoctor.slack;

import dev.dockerdoctor.model.Diagnosis;
import dev.dockerdoctor.model.Step;
import dev.dockerdoctor.slack.message.Message;
import dev.dockerdoctor.slack.message.ReportViews;
import dev.dockerdoctor.slack.message.StepViews;
import dev.dockerdoctor.slack.message.ViewContext;

import java.util.LinkedHashMap;
import java.util.Map;

/** Every message the bot can send about one diagnosis, by name: the limits test checks them all. */
final class EveryMessage {
    private EveryMessage() {
    }

    static Map<String, Message> of(Diagnosis d, ViewContext c) {
        Map<String, Message> out = new LinkedHashMap<>();
        out.put("report", ReportViews.report(d, c));
        out.put("share", ReportViews.report(d, c.sharedBy("U0SHARER")));
        out.put("root", ReportViews.root(d, c));
        out.put("logs", ReportViews.logs(d, c, "24h"));
        out.put("timeline-button", ReportViews.logs(d, c, null));
        out.put("compose", ReportViews.compose(d, c));
        out.put("plan", ReportViews.plan(d, c));
        for (Step s : d.plan()) {
            out.put("step " + s.id() + " (admin)", StepViews.stepPreview(d, s, c, c.admins().isEmpty() ? "U0NOBODY" : c.admins().get(0)));
            out.put("step " + s.id() + " (not admin)", StepViews.stepPreview(d, s, c, "U0STRANGER"));
        }
        out.put("help", ReportViews.help(null));
        out.put("help after a typo", ReportViews.help("I don't know `rooot`."));
        out.put("unknown report", ReportViews.unknownReport(c.reportId()));
        out.put("unknown step", StepViews.unknownStep(c.reportId(), "compose-up:nope"));
        out.put("failed", ReportViews.failed());
        out.put("busy", ReportViews.busy());
        // maintenance: its start, an end with more held back than is shown, and every answer to the typist
        java.time.Instant t = java.time.Instant.parse("2026-12-02T06:00:00Z");
        dev.dockerdoctor.watch.Maintenance m = dev.dockerdoctor.watch.Maintenance.start("U0ADMIN", t,
                t.plus(java.time.Duration.ofHours(2)), "moving Docker to the big disk <!channel> " + "x".repeat(900));
        java.util.List<dev.dockerdoctor.watch.Signal> seen = new java.util.ArrayList<>();
        for (int i = 0; i < 80; i++) {
            seen.add(new dev.dockerdoctor.watch.Signal(dev.dockerdoctor.watch.SignalKind.URL_DOWN, "svc" + i,
                    "svc" + i + " answered 502 " + "`<&>`".repeat(60), t.plusSeconds(i)));
        }
        out.put("maintenance started", dev.dockerdoctor.slack.message.MaintenanceViews.news(m, c.host(), java.time.ZoneOffset.UTC));
        out.put("maintenance ended", dev.dockerdoctor.slack.message.MaintenanceViews.news(m.seeing(seen)
                .ended(t.plusSeconds(3600), "U0ADMIN"), c.host(), java.time.ZoneOffset.UTC));
        out.put("maintenance ended quietly", dev.dockerdoctor.slack.message.MaintenanceViews.news(m.ended(t.plusSeconds(7200), null),
                c.host(), java.time.ZoneOffset.UTC));
        out.put("maintenance for you", dev.dockerdoctor.slack.message.MaintenanceViews.startedForYou(m, java.time.ZoneOffset.UTC));
        out.put("maintenance under way", dev.dockerdoctor.slack.message.MaintenanceViews.current(java.util.Optional.of(m), t,
                java.time.ZoneOffset.UTC));
        out.put("maintenance none", dev.dockerdoctor.slack.message.MaintenanceViews.current(java.util.Optional.empty(), t,
                java.time.ZoneOffset.UTC));
        out.put("maintenance admins only", dev.dockerdoctor.slack.message.MaintenanceViews.adminsOnly(c));
        return out;
    }
}
