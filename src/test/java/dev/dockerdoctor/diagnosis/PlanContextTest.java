package dev.dockerdoctor.diagnosis;

import dev.dockerdoctor.diagnosis.plan.PlanContext;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PlanContextTest {

    @Test
    void theDockerCliIsAimedAtTheDaemonTheBotTalksTo() {
        assertThat(PlanContext.dockerCliFor("unix:///var/run/docker.sock")).containsExactly("docker", "-H", "unix:///var/run/docker.sock");
        assertThat(PlanContext.dockerCliFor("/run/user/1000/docker.sock")).containsExactly("docker", "-H", "unix:///run/user/1000/docker.sock");
        assertThat(PlanContext.dockerCliFor("tcp://10.0.0.5:2375")).containsExactly("docker", "-H", "tcp://10.0.0.5:2375");
        assertThat(PlanContext.dockerCliFor(" ")).containsExactly("docker");
        assertThat(PlanContext.defaults().dockerCli()).containsExactly("docker");
        assertThat(PlanContext.defaults().withDockerCli(List.of("docker", "-H", "x")).dockerCli()).containsExactly("docker", "-H", "x");
    }
}
