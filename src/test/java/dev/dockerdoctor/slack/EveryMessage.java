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
        return out;
    }
}
