package dev.dockerdoctor.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dockerdoctor.diagnosis.Doctor;
import dev.dockerdoctor.diagnosis.plan.PlanContext;
import dev.dockerdoctor.model.Diagnosis;
import dev.dockerdoctor.parse.SystemDfParser;
import dev.dockerdoctor.testing.Resources;
import org.junit.jupiter.api.Test;

import static dev.dockerdoctor.testing.Snapshots.GIB;
import static dev.dockerdoctor.testing.Snapshots.host;
import static org.assertj.core.api.Assertions.assertThat;

class JsonReportDiskUsageTest {
    private final Doctor doctor = Doctor.standard(PlanContext.defaults());

    @Test
    void diskUsageShowsTheDaemonsAccountingAndCallsNoVolumeReclaimable() {
        Diagnosis d = doctor.diagnose(host().daemonOn("/var/lib/docker", 5, 5).root("/var/lib/docker", true, 5, 5, 1, 2 * GIB, 100 * GIB)
                .diskUsage(SystemDfParser.parse(Resources.text("docker/system-df-20.10.json")).orElseThrow()).build());
        JsonNode du = JsonReport.tree(d).path("diskUsage");

        assertThat(du.path("containers").path("reclaimableBytes").asLong()).isEqualTo(3_000_000);
        assertThat(du.path("containers").path("reclaimable").get(0).path("name").asText()).isEqualTo("stopped1");
        assertThat(du.path("images").path("reclaimableCount").asInt()).isEqualTo(2);
        assertThat(du.path("buildCache").path("count").asInt()).isZero();
        assertThat(du.path("volumes").path("unusedBytes").asLong()).isEqualTo(2_000_000);
        assertThat(du.path("volumes").has("reclaimable")).isFalse();
        assertThat(TextReport.render(d)).contains("disk: images 2.8 MiB, containers 2.9 MiB, volumes 1.9 MiB, build cache 0 B;"
                + " reclaimable 3.3 MiB (volumes never)");
    }

    @Test
    void diskUsageIsNullWhenTheDaemonDidNotSay() {
        Diagnosis d = doctor.diagnose(host().daemonOn("/var/lib/docker", 0, 0).root("/var/lib/docker", true, 0, 0, 0).build());

        assertThat(JsonReport.tree(d).path("diskUsage").isNull()).isTrue();
    }
}
