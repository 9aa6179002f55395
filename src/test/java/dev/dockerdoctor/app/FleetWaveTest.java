package dev.dockerdoctor.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A wave on five hosts at once through a Slack that takes one post a second per channel: one root message naming
 * five hosts, each host's card and diagnosis once, nothing lost to the 429s (bench/fleet-wave.sh runs 50).
 */
class FleetWaveTest {
    @TempDir
    Path work;

    @Test
    void fiveHostsAtOnceAreOneRootMessageAndEachHostsCardOnceDespiteTheRateLimit() throws Exception {
        FleetWave.Result r = FleetWave.run(5, work);
        assertThat(r.roots()).isEqualTo(1);
        assertThat(r.groupRoot()).startsWith("Docker does not answer on 5 hosts").contains("host-000", "host-004");
        assertThat(r.cards()).hasSize(5).allSatisfy((host, n) -> assertThat(n).as(host).isEqualTo(1));
        assertThat(r.diagnoses()).hasSize(5).allSatisfy((host, n) -> assertThat(n).as(host).isEqualTo(1));
        assertThat(r.refusedBySlack()).as("the limit was met, and got through").isPositive();
    }
}
