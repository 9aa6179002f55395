package dev.dockerdoctor.watch;

import dev.dockerdoctor.testing.BusyboxImage;
import dev.dockerdoctor.testing.Eventually;
import dev.dockerdoctor.testing.PrivateDockerd;
import dev.dockerdoctor.testing.standin.ServeProcess;
import dev.dockerdoctor.testing.standin.SignedClient;
import dev.dockerdoctor.testing.standin.SlackPayloads;
import dev.dockerdoctor.testing.standin.SlackStandIn;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which restarts are news, on a real daemon with the packaged {@code serve}: a {@code docker restart} of a container
 * posts nothing; a Docker restart inside a maintenance window (started and ended by an admin's signed slash
 * command) posts the window's two messages and no incident; a container that exits at once under
 * {@code restart: always} opens an incident naming it, which resolves once the container is gone.
 */
class ContainerSignalsIT {
    private static final String SECRET = "container-signals-secret-0123456789";
    private static final String CHANNEL = "C0INCIDENTS";

    private static List<SlackStandIn.Posted> roots(SlackStandIn slack) {
        return slack.posted().stream().filter(p -> p.threadTs() == null && !p.text().startsWith("Maintenance")).toList();
    }

    @Test
    void onlyTheCrashLoopIsAnIncident() throws Exception {
        try (PrivateDockerd d = PrivateDockerd.startDefault();
             SlackStandIn slack = new SlackStandIn()) {
            d.dockerOk("run", "-d", "--name", "web", "--restart", "always", "--network", "none", BusyboxImage.NAME, "sleep", "3600");
            Path state = Files.createDirectories(d.base().resolve("state"));
            Map<String, String> env = Map.of(
                    "SLACK_BOT_TOKEN", "xoxb-e2e", "SLACK_SIGNING_SECRET", SECRET, "SLACK_API_URL", slack.apiUrl(),
                    "DOCKER_HOST", d.host(), "DOCTOR_DATA_ROOT_SEARCH", d.base().toString(),
                    "DOCTOR_STATE_DIR", state.toString(), "DOCTOR_ADMINS", "U0ALICE", "DOCTOR_CHANNEL", CHANNEL,
                    "DOCTOR_WATCH_INTERVAL", "1");
            try (ServeProcess bot = ServeProcess.start(env, d.base(), Duration.ofSeconds(60))) {
                SignedClient client = new SignedClient(bot.port(), SECRET);
                Thread.sleep(3000);
                assertThat(slack.posted()).as("a healthy host raises nothing").isEmpty();

                // restarted on purpose: not news
                d.dockerOk("restart", "-t", "1", "web");
                Thread.sleep(5000);
                assertThat(slack.posted()).as("docker restart posts nothing; serve's log:\n" + bot.log()).isEmpty();

                // planned work: the window's start, Docker restarted inside it, its end; no incident
                assertThat(client.post(SlackPayloads.slashCommand("maintenance 10m restarting dockerd", "U0ALICE",
                        slack.responseUrl("start"))).status()).isEqualTo(200);
                Eventually.await("the window's start in the channel; serve's log:\n" + bot.log(), Duration.ofSeconds(20),
                        () -> slack.posted().stream().anyMatch(p -> p.text().startsWith("Maintenance on") && p.text().contains("until")));
                assertThat(slack.awaitPath("/response/start", Duration.ofSeconds(10)).orElseThrow().body()).contains("Maintenance until");
                // down long enough (3 polls) that outside a window it would be an incident
                List<String> flags = d.flags();
                d.stop();
                Thread.sleep(3500);
                d.start(flags);
                Eventually.await("web running again", Duration.ofSeconds(30),
                        () -> d.docker("inspect", "-f", "{{.State.Running}}", "web").stdout().strip().equals("true"));
                Thread.sleep(5000);
                assertThat(roots(slack)).as("a Docker restart inside the window opens no incident; serve's log:\n" + bot.log()).isEmpty();
                assertThat(client.post(SlackPayloads.slashCommand("maintenance end", "U0ALICE", slack.responseUrl("end"))).status())
                        .isEqualTo(200);
                Eventually.await("the window's end in the channel", Duration.ofSeconds(20),
                        () -> slack.posted().stream().anyMatch(p -> p.text().contains("is over")));
                SlackStandIn.Posted end = slack.posted().stream().filter(p -> p.text().contains("is over")).findFirst().orElseThrow();
                assertThat(end.text()).as("what the window held back is told").contains("went wrong during it");
                assertThat(end.blocks()).contains("Docker daemon unreachable");
                Thread.sleep(4000);
                assertThat(roots(slack)).as("all is well after the window: nothing opens; serve's log:\n" + bot.log()).isEmpty();
                assertThat(Files.readString(state.resolve("audit.jsonl"))).contains("maintenance-start", "maintenance-end");

                // a container that exits at once under restart: always
                d.dockerOk("run", "-d", "--name", "crashy", "--restart", "always", "--network", "none", BusyboxImage.NAME,
                        "sh", "-c", "echo cannot open /config/app.yml; exit 3");
                Eventually.await("an incident naming the crashing container; serve's log:\n" + bot.log(), Duration.ofSeconds(60),
                        () -> !roots(slack).isEmpty());
                SlackStandIn.Posted root = roots(slack).get(0);
                assertThat(root.text()).contains("crashy is restarting in a loop");
                assertThat(root.text()).doesNotContain("web");
                Eventually.await("the diagnosis in the thread names it with its last words", Duration.ofSeconds(60),
                        () -> slack.posted().stream().anyMatch(p -> root.ts().equals(p.threadTs())
                                && p.blocks().contains("container-restart-loop") && p.blocks().contains("cannot open /config/app.yml")));

                Thread.sleep(5000);
                assertThat(slack.posted()).as("no calm between two crashes: still open; serve's log:\n" + bot.log())
                        .noneMatch(p -> root.ts().equals(p.threadTs()) && p.text().startsWith("Resolved after"));
                d.dockerOk("rm", "-f", "crashy");
                Eventually.await("resolved once it is gone; serve's log:\n" + bot.log(), Duration.ofSeconds(90),
                        () -> slack.posted().stream().anyMatch(p -> root.ts().equals(p.threadTs()) && p.text().startsWith("Resolved after")));
                assertThat(roots(slack)).as("one incident in all").hasSize(1);
                SlackStandIn.recordForPreview("container-signals", slack.requestsTo("/api/chat."));
            }
        }
    }
}
