package dev.dockerdoctor.it;

import dev.dockerdoctor.testing.Eventually;
import dev.dockerdoctor.testing.standin.SlackStandIn;
import dev.dockerdoctor.testing.HostNamespace;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The storage-driver failure class for real: Docker's root is on an ext4 disk with overlay2 (set in daemon.json),
 * GitLab runs from compose; then daemon.json is replaced by one that says vfs and Docker is restarted, so it shows
 * no image and no container although all are on disk. `diagnose` inside names storage-driver-changed and plans
 * restore-storage-driver first; an admin's click puts overlay2 back (every other key kept, a backup made), restarts
 * Docker once, and GitLab answers again.
 */
class StorageDriverChangedStoryIT {
    /** The unit's command line names no driver: daemon.json decides. */
    private static final List<String> UNIT_FLAGS = List.of("dockerd", "--shutdown-timeout", "1");

    @Test
    void aDriverChangeIsNamedAndAnAdminsClickPutsOverlay2BackAndGitLabIsBack() throws Exception {
        try (HostNamespace ns = HostNamespace.create();
             SlackStandIn slack = new SlackStandIn(ns.hostAddress())) {
            Path disk = ns.ext4Disk("docker.img", "384M");
            ns.inside(List.of("mount", "-o", "loop", disk.toString(), "/var/lib/docker")).orThrow();
            Path daemonJson = ns.folder("/etc/docker/daemon.json");
            Files.writeString(daemonJson, "{\"storage-driver\": \"overlay2\", \"log-opts\": {\"max-size\": \"10m\"}}\n");
            ns.startDockerd(UNIT_FLAGS);
            ns.composeUpGitLab();
            Eventually.await("GitLab answering", Duration.ofSeconds(30), ns::gitlabAnswers);

            // daemon.json replaced (a package's or a config tool's copy) and Docker restarted: vfs, nothing shown
            Files.writeString(daemonJson, "{\"storage-driver\": \"vfs\", \"log-opts\": {\"max-size\": \"10m\"}}\n");
            ns.stopDockerd();
            ns.startDockerd(UNIT_FLAGS);
            assertThat(ns.gitlabAnswers()).as("the outage").isFalse();
            assertThat(ns.inside(List.of("docker", "images", "-q")).stdout().strip()).as("every image seems gone").isEmpty();

            assertThat(NamespaceRecovery.diagnoseNames(ns, "storage-driver-changed", "restore-storage-driver"))
                    .contains("overlay2", "vfs");

            NamespaceRecovery.adminsClickBringsGitLabBack(ns, slack, "restore-storage-driver", UNIT_FLAGS);
            assertThat(Files.readString(daemonJson)).contains("\"storage-driver\"", "overlay2", "\"max-size\"")
                    .doesNotContain("vfs");
            try (var files = Files.list(ns.folder("/etc/docker"))) {
                assertThat(files.map(p -> p.getFileName().toString()).toList())
                        .anySatisfy(n -> assertThat(n).startsWith("daemon.json.docker-doctor-").endsWith(".bak"));
            }
            assertThat(ns.inside(List.of("docker", "info", "--format", "{{.Driver}}")).stdout().strip()).isEqualTo("overlay2");
        }
    }
}
