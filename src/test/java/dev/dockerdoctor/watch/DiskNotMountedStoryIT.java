package dev.dockerdoctor.watch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dockerdoctor.slack.standin.ServeProcess;
import dev.dockerdoctor.slack.standin.SignedClient;
import dev.dockerdoctor.slack.standin.SlackPayloads;
import dev.dockerdoctor.slack.standin.SlackStandIn;
import dev.dockerdoctor.testing.Command;
import dev.dockerdoctor.testing.HostNamespace;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Another failure class on a real disk: Docker's data root is on an ext4 disk (a loop-mounted image) that
 * /etc/fstab mounts on /srv/bigdisk; after a reboot the disk is not mounted, dockerd starts anyway and makes a fresh,
 * empty root in the folder on the system disk. `diagnose` inside the namespace names data-root-disk-not-mounted and
 * plans mount-data-root-disk first; an admin's click on it in the /docker-status report mounts the disk for real,
 * restarts Docker once, and GitLab, whose data was on the disk all along, answers again.
 */
class DiskNotMountedStoryIT {
    private static final String SECRET = "disk-story-secret-0123456789abcd";
    private static final List<String> UNIT_FLAGS = List.of("dockerd", "--storage-driver", "vfs", "--shutdown-timeout", "1");

    @Test
    void aDiskThatDidNotMountIsNamedAndAnAdminsClickMountsItAndGitLabIsBack() throws Exception {
        try (HostNamespace ns = HostNamespace.create("/etc/fstab");
             SlackStandIn slack = new SlackStandIn(ns.hostAddress())) {
            Path disk = ns.ext4Disk("bigdisk.img", "256M");
            Files.createDirectories(ns.folder("/srv/bigdisk"));
            Files.writeString(ns.folder("/etc/fstab"), "# <file system> <mount point> <type> <options> <dump> <pass>\n"
                    + disk + " /srv/bigdisk ext4 loop,nofail 0 2\n");
            Files.writeString(ns.folder("/etc/docker/daemon.json"), "{\"data-root\": \"/srv/bigdisk/docker\"}\n");

            // a good day: the disk mounted, Docker's root and GitLab on it
            ns.inside(List.of("mount", "/srv/bigdisk")).orThrow();
            ns.startDockerd(UNIT_FLAGS);
            ns.composeUpGitLab();
            Eventually.await("GitLab answering", Duration.ofSeconds(30), ns::gitlabAnswers);

            // the reboot where the disk did not come up: dockerd starts on the empty folder underneath
            ns.stopDockerd();
            ns.inside(List.of("umount", "/srv/bigdisk")).orThrow();
            ns.startDockerd(UNIT_FLAGS);
            assertThat(ns.gitlabAnswers()).as("the outage").isFalse();
            assertThat(ns.inside(List.of("docker", "ps", "-a", "-q")).stdout().strip()).as("every container seems gone").isEmpty();

            Command.Result diagnose = ns.diagnose("--json");
            assertThat(diagnose.exitCode()).as(diagnose.stderr()).isEqualTo(1);
            JsonNode report = new ObjectMapper().readTree(diagnose.stdout());
            assertThat(report.path("findings").findValuesAsText("id")).contains("data-root-disk-not-mounted");
            assertThat(report.path("plan").get(0).path("id").asText()).isEqualTo("mount-data-root-disk");
            assertThat(diagnose.stdout()).contains("/srv/bigdisk", disk.toString());

            Path state = Files.createDirectories(ns.base().resolve("state"));
            Map<String, String> env = Map.of(
                    "SLACK_BOT_TOKEN", "xoxb-e2e", "SLACK_SIGNING_SECRET", SECRET, "SLACK_API_URL", slack.apiUrl(),
                    "DOCTOR_STATE_DIR", state.toString(), "DOCTOR_ADMINS", "U0ALICE",
                    "DOCTOR_DOCKER_RESTART", ns.restartScript(UNIT_FLAGS).toString());
            try (ServeProcess bot = ServeProcess.start(env, ns.base(), Duration.ofSeconds(90), ns::enter, ns.address())) {
                SignedClient client = new SignedClient(ns.address(), bot.port(), SECRET);
                String value = StatusReport.buttonValue(slack, client, bot, "U0ALICE", "mount-data-root-disk");

                long click = System.nanoTime();
                assertThat(client.post(SlackPayloads.blockAction("mount-data-root-disk", value, "U0ALICE",
                        slack.responseUrl("click"))).status()).isEqualTo(200);
                Eventually.await("GitLab answering again; serve's log:\n" + bot.log() + "\ndockerd:\n" + ns.dockerdLog(),
                        Duration.ofSeconds(60), ns::gitlabAnswers);
                System.out.printf("disk story: click to GitLab answering again %d ms%n", (System.nanoTime() - click) / 1_000_000);
                SlackStandIn.Recorded result = slack.await(r -> r.path().equals("/response/click") && r.body().contains("(done,"),
                        Duration.ofSeconds(60)).orElseThrow(() -> new AssertionError("no result posted; serve's log:\n" + bot.log()));
                assertThat(result.body()).contains("U0ALICE");
                assertThat(ns.restarts()).as("Docker restarted once").isEqualTo(1);
                assertThat(ns.inside(List.of("findmnt", "-n", "-o", "SOURCE", "/srv/bigdisk")).stdout()).as("the disk is mounted")
                        .contains("/dev/loop");
                assertThat(Files.readString(state.resolve("audit.jsonl")))
                        .contains("\"step\":\"mount-data-root-disk\"", "\"exitStatus\":0");
            }
        }
    }
}
