package dev.dockerdoctor.slack;

import dev.dockerdoctor.model.Diagnosis;
import dev.dockerdoctor.model.EventKind;
import dev.dockerdoctor.model.LogEvent;
import dev.dockerdoctor.report.TextReport;
import dev.dockerdoctor.report.Timeline;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.util.List;

import static dev.dockerdoctor.slack.TestDiagnoses.at;
import static org.assertj.core.api.Assertions.assertThat;

/** A person reads "null" as a bug: the report and the timeline say what is missing in words. */
class TextReportNeverSaysNullTest {
    @Test
    void noReportSaysNull() {
        for (Diagnosis d : List.of(TestDiagnoses.incident(), TestDiagnoses.healthy(), TestDiagnoses.unreachable(),
                TestDiagnoses.huge())) {
            assertThat(TextReport.render(d)).doesNotContainPattern("\\bnull\\b");
        }
    }

    @Test
    void aFreshInstallHasNoFromVersionAndSaysSo() {
        // a package installed for the first time (dpkg's "install" of a version with none before it)
        LogEvent install = new LogEvent(at("06:22:41"), EventKind.PACKAGE_UPGRADE, "/var/log/dpkg.log",
                "upgrade containerd.io:amd64 <none> 1.6.20-1", "containerd.io", null, "1.6.20-1");
        assertThat(Timeline.lines(List.of(install), ZoneOffset.UTC, at("06:30:00").toInstant()))
                .containsExactly("06:22:41  containerd.io ? → 1.6.20-1");
    }
}
