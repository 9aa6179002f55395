package dev.dockerdoctor.it;

import dev.dockerdoctor.testing.Eventually;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.dockerdoctor.testing.standin.ServeProcess;
import dev.dockerdoctor.testing.standin.SignedClient;
import dev.dockerdoctor.testing.standin.SlackJson;
import dev.dockerdoctor.testing.standin.SlackPayloads;
import dev.dockerdoctor.testing.standin.SlackStandIn;
import dev.dockerdoctor.testing.HostNamespace;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole story on a faithful host: a private mount + network namespace whose /etc/docker, /var/lib/docker,
 * /var/log, /srv and /run are test folders, a real dockerd with its bridge, GitLab's stand-in (busybox httpd) from a
 * real docker-compose project in /srv with a published port, on the big disk's root /srv/docker given as a flag, and
 * the packaged bot inside with every default path (socket, host root, data-root search). An unattended upgrade (in
 * the logs) and a daemon restarted without its flag take GitLab down; the incident thread appears with the orphaned
 * root and the upgrade named; an admin clicks restore-data-root in the thread; Docker is restarted once through
 * DOCTOR_DOCKER_RESTART (a script doing what systemctl would); GitLab answers again and the incident is resolved.
 */
class HostNamespaceStoryIT {
    private static final String SECRET = "namespace-story-secret-0123456789";
    private static final String CHANNEL = "C0INCIDENTS";
    static final List<String> UNIT_FLAGS = List.of("dockerd", "--storage-driver", "vfs", "--shutdown-timeout", "1");

    @Test
    void anUpgradeRestartsDockerWithoutItsRootAndAnAdminsClickInTheThreadBringsGitLabBack() throws Exception {
        try (HostNamespace ns = HostNamespace.create();
             SlackStandIn slack = new SlackStandIn(ns.hostAddress())) {
            writeTheUpgradesLogs(ns, ZonedDateTime.now(ZoneId.systemDefault()).minusMinutes(20));

            // the admin's set-up: log options in daemon.json, the big disk's root as a flag on dockerd's command
            // line, GitLab from compose
            Files.writeString(ns.folder("/etc/docker/daemon.json"), "{\"log-driver\": \"json-file\", \"log-opts\": {\"max-size\": \"10m\"}}\n");
            ns.startDockerd(withFlag());
            ns.composeUpGitLab();
            try {
                Eventually.await("GitLab answering on its published port", Duration.ofSeconds(30), ns::gitlabAnswers);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\n" + ns.inside(List.of("docker", "ps", "-a")) + "\n" + ns.dockerdLog(), e);
            }

            Path state = Files.createDirectories(ns.base().resolve("state"));
            Map<String, String> env = Map.of(
                    "SLACK_BOT_TOKEN", "xoxb-e2e", "SLACK_SIGNING_SECRET", SECRET, "SLACK_API_URL", slack.apiUrl(),
                    "DOCTOR_STATE_DIR", state.toString(), "DOCTOR_ADMINS", "U0ALICE", "DOCTOR_CHANNEL", CHANNEL,
                    "DOCTOR_WATCH", "gitlab=http://127.0.0.1:8080/", "DOCTOR_WATCH_INTERVAL", "1",
                    "DOCTOR_DOCKER_RESTART", ns.restartScript(UNIT_FLAGS).toString());
            try (ServeProcess bot = ServeProcess.start(env, ns.base(), Duration.ofSeconds(90), ns::enter, ns.address())) {
                Thread.sleep(3000);
                assertThat(slack.posted()).as("a healthy host raises nothing").isEmpty();

                // the upgrade's restart: dockerd comes back without its flag, on the empty default root
                long broke = System.nanoTime();
                ns.stopDockerd();
                ns.startDockerd(UNIT_FLAGS);
                assertThat(ns.gitlabAnswers()).as("the outage").isFalse();

                Eventually.await("the root message; serve's log:\n" + bot.log(), Duration.ofSeconds(60),
                        () -> slack.posted().stream().anyMatch(p -> p.threadTs() == null));
                SlackStandIn.Posted root = slack.posted().get(0);
                System.out.printf("namespace story: root message %d ms after the test began stopping dockerd: %s%n",
                        (slack.requestsTo("/api/chat.postMessage").get(0).nanoTime() - broke) / 1_000_000, root.text());
                assertThat(root.channel()).isEqualTo(CHANNEL);
                // the daemon's restart is noticed first (Docker does not answer), then GitLab's outage and the drift:
                // the same thread, updated
                Eventually.await("the drift and the upgrade in the thread; serve's log:\n" + bot.log(), Duration.ofSeconds(90),
                        () -> slack.posted().stream().anyMatch(p -> root.ts().equals(p.threadTs())
                                && p.blocks().contains("data-root-drift") && p.blocks().contains("docker-restarted-by-upgrade")));
                SlackStandIn.Posted diagnosis = slack.posted().stream().filter(p -> root.ts().equals(p.threadTs())
                        && p.blocks().contains("data-root-drift")).findFirst().orElseThrow();
                assertThat(diagnosis.blocks()).as("the orphaned root and the upgrade named")
                        .contains("/srv/docker", "containerd.io", "1.4.11-1", "gitlab");
                Eventually.await("the root message updated to the likely cause, the moved root", Duration.ofSeconds(30),
                        () -> slack.posted().get(0).blocks().contains("1 container is in"));
                JsonObject thread = JsonParser.parseString("{\"blocks\":" + diagnosis.blocks() + "}").getAsJsonObject();
                String value = SlackJson.button(thread, "restore-data-root").get("value").getAsString();

                SignedClient client = new SignedClient(ns.address(), bot.port(), SECRET);
                // Bob, not an admin, acknowledges it through the modal
                String incidentId = dev.dockerdoctor.slack.message.ButtonRef.decode(value).orElseThrow().report();
                dev.dockerdoctor.testing.standin.AckThroughModal.ack(client, slack, incidentId, "U0BOB", "getting the data root back");

                // Alice, an admin, clicks in the thread: who runs what, then its result, in that thread
                JsonObject clickInThread = SlackPayloads.blockActionJson("restore-data-root", value, "U0ALICE", slack.responseUrl("click"));
                clickInThread.getAsJsonObject("container").addProperty("thread_ts", root.ts());
                clickInThread.getAsJsonObject("container").addProperty("is_ephemeral", false);
                clickInThread.getAsJsonObject("container").addProperty("channel_id", CHANNEL);
                clickInThread.getAsJsonObject("channel").addProperty("id", CHANNEL);
                long click = System.nanoTime();
                assertThat(client.post("payload=" + java.net.URLEncoder.encode(clickInThread.toString(),
                        java.nio.charset.StandardCharsets.UTF_8)).status()).isEqualTo(200);
                Eventually.await("GitLab answering again; serve's log:\n" + bot.log(), Duration.ofSeconds(60), ns::gitlabAnswers);
                long answerMs = (System.nanoTime() - click) / 1_000_000;
                Eventually.await("the incident resolved; serve's log:\n" + bot.log(), Duration.ofSeconds(90),
                        () -> slack.posted().stream().anyMatch(p -> root.ts().equals(p.threadTs()) && p.text().startsWith("Resolved after")));
                System.out.printf("namespace story: click to GitLab answering %d ms, to resolved %d ms%n", answerMs,
                        (System.nanoTime() - click) / 1_000_000);
                assertThat(answerMs).as("click to GitLab answering").isLessThan(15_000);

                assertThat(slack.posted().stream().filter(p -> p.threadTs() == null)).as("one root message").hasSize(1);
                List<SlackStandIn.Posted> replies = slack.posted().stream().filter(p -> root.ts().equals(p.threadTs())).toList();
                assertThat(replies).as("the step's start and its result in the thread")
                        .anySatisfy(p -> assertThat(p.text()).contains("restore-data-root", "started by U0ALICE"))
                        .anySatisfy(p -> assertThat(p.text()).contains("restore-data-root", "done"));
                SlackStandIn.Posted resolved = replies.stream().filter(p -> p.text().startsWith("Resolved after")).findFirst().orElseThrow();
                assertThat(resolved.blocks()).as("the post-mortem in brief")
                        .contains("Acknowledged", "\\u003c@U0BOB\\u003e", "getting the data root back", "restore-data-root",
                                "docker-doctor postmortem " + incidentId);

                SlackStandIn.recordForPreview("story", slack.requestsTo("/api/chat."));

                // the post-mortem, written up on the host from the incident's own record
                dev.dockerdoctor.testing.Command.Result pm = ns.inside(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                        dev.dockerdoctor.testing.DoctorCli.jar().toAbsolutePath().toString(), "postmortem", incidentId,
                        "--state-dir", state.toString()));
                assertThat(pm.exitCode()).as(pm.stderr()).isZero();
                System.out.println("namespace story: the post-mortem\n" + pm.stdout());
                assertThat(pm.stdout()).startsWith("# ").contains("containerd.io", "1.4.11-1", "/srv/docker", "U0BOB",
                        "getting the data root back", "U0ALICE", "restore-data-root");
                assertThat(Files.readString(ns.folder("/etc/docker/daemon.json")))
                        .contains("\"data-root\"", "/srv/docker", "\"max-size\"", "10m");
                try (var files = Files.list(ns.folder("/etc/docker"))) {
                    assertThat(files.map(p -> p.getFileName().toString()).toList())
                            .anySatisfy(n -> assertThat(n).startsWith("daemon.json.docker-doctor-").endsWith(".bak"));
                }
                assertThat(ns.restarts()).as("Docker restarted once").isEqualTo(1);
                assertThat(Files.readString(state.resolve("audit.jsonl")))
                        .contains("\"user\":\"U0ALICE\"", "\"step\":\"restore-data-root\"", "\"exitStatus\":0");
                assertThat(ns.inside(List.of("docker", "info", "--format", "{{.DockerRootDir}}")).stdout().strip())
                        .isEqualTo("/srv/docker");
            }
        }
    }

    static List<String> withFlag() {
        List<String> argv = new java.util.ArrayList<>(UNIT_FLAGS);
        argv.addAll(List.of("--data-root", "/srv/docker"));
        return argv;
    }

    private static String whatDockerSays(HostNamespace ns) {
        return ns.inside(List.of("docker", "ps", "-a")) + "\n" + ns.inside(List.of("docker", "logs", "gitlab_web_1"))
                + "\n" + ns.inside(List.of("ip", "addr"));
    }

    /** The unattended upgrade of containerd.io and the Docker restart it caused, a few minutes ago, as the host logged them. */
    static void writeTheUpgradesLogs(HostNamespace ns, ZonedDateTime at) throws IOException {
        DateTimeFormatter syslog = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ENGLISH);
        DateTimeFormatter dpkg = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        DateTimeFormatter history = DateTimeFormatter.ofPattern("yyyy-MM-dd  HH:mm:ss");
        String s = "";
        s += syslog.format(at) + " gitlab-host systemd[1]: Starting Daily apt upgrade and clean activities...\n";
        s += syslog.format(at.plusSeconds(3)) + " gitlab-host systemd[1]: Stopping Docker Application Container Engine...\n";
        s += syslog.format(at.plusSeconds(3)) + " gitlab-host dockerd[1021]: time=\"" + at.plusSeconds(3).toOffsetDateTime()
                + "\" level=info msg=\"Processing signal 'terminated'\"\n";
        s += syslog.format(at.plusSeconds(4)) + " gitlab-host systemd[1]: docker.service: Succeeded.\n";
        s += syslog.format(at.plusSeconds(4)) + " gitlab-host systemd[1]: Stopped Docker Application Container Engine.\n";
        s += syslog.format(at.plusSeconds(9)) + " gitlab-host systemd[1]: Starting Docker Application Container Engine...\n";
        s += syslog.format(at.plusSeconds(9)) + " gitlab-host dockerd[2077]: time=\"" + at.plusSeconds(9).toOffsetDateTime()
                + "\" level=info msg=\"Starting up\"\n";
        s += syslog.format(at.plusSeconds(10)) + " gitlab-host systemd[1]: Started Docker Application Container Engine.\n";
        s += syslog.format(at.plusSeconds(12)) + " gitlab-host systemd[1]: Finished Daily apt upgrade and clean activities.\n";
        Files.writeString(ns.folder("/var/log/syslog"), s);
        Files.writeString(ns.folder("/var/log/dpkg.log"),
                dpkg.format(at.plusSeconds(1)) + " startup archives unpack\n"
                        + dpkg.format(at.plusSeconds(2)) + " upgrade containerd.io:amd64 1.4.9-1 1.4.11-1\n"
                        + dpkg.format(at.plusSeconds(5)) + " status installed containerd.io:amd64 1.4.11-1\n");
        Files.writeString(ns.folder("/var/log/apt/history.log"),
                "\nStart-Date: " + history.format(at.plusSeconds(1)) + "\n"
                        + "Commandline: /usr/bin/unattended-upgrade\n"
                        + "Upgrade: containerd.io:amd64 (1.4.9-1, 1.4.11-1)\n"
                        + "End-Date: " + history.format(at.plusSeconds(11)) + "\n");
    }
}
