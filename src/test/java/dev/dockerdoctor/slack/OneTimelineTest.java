package dev.dockerdoctor.slack;

import dev.dockerdoctor.model.Diagnosis;
import dev.dockerdoctor.model.EventKind;
import dev.dockerdoctor.model.LogEvent;
import dev.dockerdoctor.report.TextReport;
import dev.dockerdoctor.report.Timeline;
import dev.dockerdoctor.slack.message.ReportViews;
import dev.dockerdoctor.slack.message.ViewContext;
import dev.dockerdoctor.slack.render.BlockKitRenderer;
import dev.dockerdoctor.slack.render.BlockKitLimits;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.util.List;

import static dev.dockerdoctor.slack.TestDiagnoses.at;
import static org.assertj.core.api.Assertions.assertThat;

/** The text report and Slack tell the same story of the logs, in the same words. */
class OneTimelineTest {

    @Test
    void theTextReportAndSlackShowTheSameLines() {
        Diagnosis d = TestDiagnoses.incident();
        List<String> story = Timeline.lines(d.snapshot().events(), ZoneOffset.UTC, d.snapshot().takenAt());
        assertThat(story).contains("06:22:50  containerd stopped", "06:23:09  Docker started");

        String text = TextReport.render(d);
        String slack = BlockKitLimits.toJson(BlockKitRenderer.render(
                ReportViews.logs(d, new ViewContext("build-01", "r-1", List.of(), null), "24h"))).toString();
        for (String line : story) {
            assertThat(text).as("diagnose's report").contains("  " + line + "\n");
            assertThat(slack).as("/docker-status logs").contains(line);
        }
    }

    @Test
    void theSameMomentFromTwoLogsIsSaidOnceAndARepeatIsCounted() {
        List<LogEvent> events = List.of(
                LogEvent.of(at("06:22:50"), EventKind.CONTAINERD_STOP, "journal", "Stopping containerd..."),
                LogEvent.of(at("06:22:50"), EventKind.CONTAINERD_STOP, "/var/log/syslog", "Stopping containerd..."),
                LogEvent.of(at("06:23:01"), EventKind.CONTAINERD_LOST, "journal", "containerd: connection refused"),
                LogEvent.of(at("06:23:02"), EventKind.CONTAINERD_LOST, "journal", "containerd: connection refused"),
                LogEvent.of(at("06:23:04"), EventKind.CONTAINERD_LOST, "journal", "containerd: connection refused"),
                LogEvent.of(at("06:23:09"), EventKind.DOCKER_START, "journal", "Started Docker Application Container Engine."));
        assertThat(Timeline.lines(events, ZoneOffset.UTC, at("06:30:00").toInstant())).containsExactly(
                "06:22:50  containerd stopped",
                "06:23:01  dockerd lost containerd under it  (3 times, until 06:23:04)",
                "06:23:09  Docker started");
    }
}
