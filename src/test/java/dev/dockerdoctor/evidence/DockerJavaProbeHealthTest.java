package dev.dockerdoctor.evidence;

import dev.dockerdoctor.model.ContainerInfo;
import dev.dockerdoctor.testing.Snapshots;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.dockerdoctor.testing.Containers.container;
import static org.assertj.core.api.Assertions.assertThat;

/** Which containers' logs the probe reads: only the unwell ones, looping first, a bounded number. */
class DockerJavaProbeHealthTest {

    @Test
    void shouldReadTheLogsOfLoopingUnhealthyAndRecentlyRestartedContainersOnly() {
        List<ContainerInfo> all = List.of(
                container("fine").build(),
                container("restarted-last-week").restartCount(2).finishedAgo(Duration.ofDays(7)).build(),
                container("sick").health("unhealthy").build(),
                container("crashed-recently").state("exited").restartCount(1).finishedAgo(Duration.ofMinutes(5)).build(),
                container("looping").restarting(9).build());

        assertThat(DockerJavaProbe.unwell(all, Snapshots.NOW)).extracting(ContainerInfo::name)
                .containsExactly("looping", "crashed-recently", "sick");
    }

    @Test
    void shouldAskNothingMoreOnAHealthyHostAndAtMostTwentyOnASickOne() {
        List<ContainerInfo> healthy = new ArrayList<>();
        List<ContainerInfo> sick = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            healthy.add(container("c" + i).health("healthy").build());
            sick.add(container("s" + i).restarting(i).build());
        }

        assertThat(DockerJavaProbe.unwell(healthy, Snapshots.NOW)).isEmpty();
        assertThat(DockerJavaProbe.unwell(sick, Snapshots.NOW)).hasSize(DockerJavaProbe.MAX_LOG_TAILS)
                .first().satisfies(c -> assertThat(c.name()).isEqualTo("s299"));
    }
}
