package dev.dockerdoctor.recovery;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which step commands go to the Docker API: exactly the restart and prune forms the plan writes, nothing near them. */
class DockerApiCallTest {
    @Test
    void thePlansRestartAndPruneFormsAreApiCalls() {
        assertThat(DockerApiCall.of(List.of("docker", "restart", "gitlab-web-1")))
                .contains(new DockerApiCall.RestartContainer("gitlab-web-1"));
        assertThat(DockerApiCall.of(List.of("/usr/bin/docker", "-H", "unix:///run/d.sock", "restart", "wiki")))
                .contains(new DockerApiCall.RestartContainer("wiki"));
        assertThat(DockerApiCall.of(List.of("docker", "image", "prune", "-f")))
                .contains(new DockerApiCall.Prune(DockerApiCall.Prune.What.IMAGES));
        assertThat(DockerApiCall.of(List.of("docker", "container", "prune", "-f")))
                .contains(new DockerApiCall.Prune(DockerApiCall.Prune.What.CONTAINERS));
        assertThat(DockerApiCall.of(List.of("docker", "builder", "prune", "-f")))
                .contains(new DockerApiCall.Prune(DockerApiCall.Prune.What.BUILD_CACHE));
    }

    @Test
    void anythingElseStaysACommandAndVolumesAreNeverAnApiPrune() {
        for (List<String> argv : List.<List<String>>of(
                List.of("docker", "volume", "prune", "-f"),
                List.of("docker", "system", "prune", "-af", "--volumes"),
                List.of("docker", "image", "prune", "-a", "-f"),
                List.of("docker", "restart", "-t", "0", "x"),
                List.of("docker", "restart", "a", "b"),
                List.of("docker", "compose", "up", "-d"),
                List.of("systemctl", "restart", "docker"),
                List.of("dockerd", "restart", "x"),
                List.of())) {
            assertThat(DockerApiCall.of(argv)).as(String.join(" ", argv)).isEmpty();
        }
    }

    @Test
    void aRunnerWithoutTheApiRunsTheArgvAsAProcess() {
        CommandRunner.Result r = new CommandRunner().run(List.of("/nonexistent/docker", "restart", "x"), java.time.Duration.ofSeconds(5));
        assertThat(r.api()).isNull();
        assertThat(r.ok()).isFalse();
        assertThat(r.action()).isEqualTo("run /nonexistent/docker restart x");
    }
}
