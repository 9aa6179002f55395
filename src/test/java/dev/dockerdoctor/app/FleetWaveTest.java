package dev.dockerdoctor.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A wave on four hosts at once through a Slack that takes one post a second per channel: one root message naming
 * four hosts, each host's card and diagnosis once, the posts paced rather than refused (bench/fleet-wave.sh runs 50).
 */
class FleetWaveTest {
    @TempDir
    Path work;

    @Test
    void fourHostsAtOnceAreOneRootMessageAndEachHostsCardOnceDespiteTheRateLimit() throws Exception {
        FleetWave.Result r = FleetWave.run(4, work);
        assertThat(r.roots()).isEqualTo(1);
        assertThat(r.groupRoot()).startsWith("Docker does not answer on 4 hosts").contains("host-000", "host-003");
        assertThat(r.cards()).hasSize(4).allSatisfy((host, n) -> assertThat(n).as(host).isEqualTo(1));
        assertThat(r.diagnoses()).hasSize(4).allSatisfy((host, n) -> assertThat(n).as(host).isEqualTo(1));
        assertThat(r.refusedBySlack()).as("paced one a second: (almost) nothing refused").isLessThan(r.hosts());
        assertThat(r.seconds()).as("no faster than Slack takes them: 1 root, 3 cards after the first's, 4 diagnoses")
                .isGreaterThanOrEqualTo(7.0);
    }
}
