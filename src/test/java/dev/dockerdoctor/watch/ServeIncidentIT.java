package dev.dockerdoctor.watch;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.dockerdoctor.slack.message.ButtonRef;
import dev.dockerdoctor.testing.BusyboxImage;
import dev.dockerdoctor.testing.Eventually;
import dev.dockerdoctor.testing.FlakyService;
import dev.dockerdoctor.testing.PrivateDockerd;
import dev.dockerdoctor.testing.standin.ServeProcess;
import dev.dockerdoctor.testing.standin.SignedClient;
import dev.dockerdoctor.testing.standin.SlackJson;
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
 * The packaged jar's {@code serve} with DOCTOR_WATCH and DOCTOR_CHANNEL, against a Slack stand-in and a private
 * dockerd already restarted without its --data-root: the watched service goes down, the incident thread appears
 * in the channel with the drift and the restore button; the button in the thread resolves to the incident's plan;
 * the test puts the daemon and the service back and the thread is closed.
 */
class ServeIncidentIT {
    private static final String SECRET = "serve-incident-secret-0123456789";
    private static final String CHANNEL = "C0INCIDENTS";

    static Map<String, Double> metrics(int port) {
        try {
            var r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + port + "/metrics")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/plain");
            return dev.dockerdoctor.testing.PrometheusText.parse(r.body());
        } catch (java.io.IOException | InterruptedException e) {
            throw new AssertionError("GET /metrics", e);
        }
    }

    // the first series of a family whose name and label list start so (one host here)
    static double value(Map<String, Double> scraped, String seriesStart) {
        return scraped.entrySet().stream().filter(e -> e.getKey().startsWith(seriesStart)).mapToDouble(Map.Entry::getValue)
                .findFirst().orElseThrow(() -> new AssertionError("no " + seriesStart + " in " + scraped.keySet()));
    }

    @Test
    void serveOpensAThreadForAnOutageWithTheDriftAndClosesItWhenAllIsBack() throws Exception {
        try (PrivateDockerd d = PrivateDockerd.builder().dataRoot(Path.of("big")).start();
             SlackStandIn slack = new SlackStandIn();
             FlakyService gitlab = FlakyService.start()) {
            List<String> bigFlags = d.flags();
            d.dockerOk("run", "-d", "--name", "gitlab", "--network", "none", BusyboxImage.NAME, "sleep", "3600");
            d.restartWithout("--data-root");
            Path state = Files.createDirectories(d.base().resolve("state"));
            Map<String, String> env = Map.of(
                    "SLACK_BOT_TOKEN", "xoxb-e2e", "SLACK_SIGNING_SECRET", SECRET, "SLACK_API_URL", slack.apiUrl(),
                    "DOCKER_HOST", d.host(), "DOCTOR_DATA_ROOT_SEARCH", d.base().toString(),
                    "DOCTOR_STATE_DIR", state.toString(), "DOCTOR_ADMINS", "U0ALICE", "DOCTOR_CHANNEL", CHANNEL,
                    "DOCTOR_WATCH", "gitlab=" + gitlab.uri(), "DOCTOR_WATCH_INTERVAL", "1");
            try (ServeProcess bot = ServeProcess.start(env, d.base(), Duration.ofSeconds(60))) {
                Thread.sleep(3000); // healthy polls first
                assertThat(slack.posted()).as("a healthy service raises nothing").isEmpty();

                long broke = System.nanoTime();
                gitlab.answer(404);
                Eventually.await("the root message; serve's log:\n" + bot.log(), Duration.ofSeconds(30),
                        () -> slack.posted().stream().anyMatch(p -> p.threadTs() == null));
                long rootMs = (slack.requestsTo("/api/chat.postMessage").get(0).nanoTime() - broke) / 1_000_000;
                SlackStandIn.Posted root = slack.posted().get(0);
                System.out.printf("serve: root message %d ms after gitlab started answering 404 (interval 1 s, budget 3000 ms)%n", rootMs);
                assertThat(rootMs).isLessThanOrEqualTo(3000);
                assertThat(root.channel()).isEqualTo(CHANNEL);
                assertThat(root.text()).contains("gitlab is down", "gitlab answered 404");

                Eventually.await("the diagnosis in the thread", Duration.ofSeconds(60),
                        () -> slack.posted().stream().anyMatch(p -> root.ts().equals(p.threadTs())));
                SlackStandIn.Posted diagnosis = slack.posted().stream().filter(p -> root.ts().equals(p.threadTs())).findFirst().orElseThrow();
                assertThat(diagnosis.blocks()).contains("data-root-drift", "service-down", d.base().resolve("big").toString());
                JsonObject thread = JsonParser.parseString("{\"blocks\":" + diagnosis.blocks() + "}").getAsJsonObject();
                String value = SlackJson.button(thread, "restore-data-root").get("value").getAsString();
                String incidentId = ButtonRef.decode(value).orElseThrow().report();
                assertThat(incidentId).startsWith("inc-");
                Eventually.await("the root names the likely cause", Duration.ofSeconds(30),
                        () -> slack.posted().get(0).blocks().contains("1 container is in"));

                // what a dashboard scrapes meanwhile, read by the text format's rules
                Map<String, Double> during = metrics(bot.port());
                assertThat(value(during, "docker_doctor_incident_open{")).isEqualTo(1.0);
                assertThat(value(during, "docker_doctor_data_root_drift{")).isEqualTo(1.0);
                assertThat(value(during, "docker_doctor_daemon_reachable{")).isEqualTo(1.0);
                assertThat(during.keySet()).anyMatch(k -> k.startsWith("docker_doctor_finding_active{") && k.contains("id=\"data-root-drift\""));
                assertThat(value(during, "docker_doctor_slack_deliveries_total{")).isGreaterThanOrEqualTo(1.0);

                SignedClient client = new SignedClient(bot.port(), SECRET);
                // someone not in DOCTOR_ADMINS acknowledges it through the modal: the root message says who and why
                dev.dockerdoctor.testing.standin.AckThroughModal.ack(client, slack, incidentId, "U0BOB", "restoring the data root");
                assertThat(slack.posted().get(0).blocks()).contains("\\u003c@U0BOB\\u003e", "restoring the data root");
                Eventually.await("the acknowledgement in the audit log", Duration.ofSeconds(10), () -> {
                    try {
                        return Files.readString(state.resolve("audit.jsonl")).contains("\"step\":\"ui:ack\"");
                    } catch (java.io.IOException e) {
                        return false;
                    }
                });
                assertThat(Files.readString(state.resolve("audit.jsonl"))).contains("\"step\":\"ui:ack\"", "restoring the data root");
                assertThat(value(metrics(bot.port()), "docker_doctor_incident_acknowledged{")).isEqualTo(1.0);

                // someone not in DOCTOR_ADMINS: the button shows the incident's step, and runs nothing
                assertThat(client.post(SlackPayloads.blockAction("restore-data-root", value, "U0BOB",
                        slack.responseUrl("click"))).status()).isEqualTo(200);
                SlackStandIn.Recorded preview = slack.awaitPath("/response/click", Duration.ofSeconds(30)).orElseThrow();
                assertThat(preview.body()).as("the incident's plan, found by the incident id")
                        .contains("Would change", "data-root", "Nothing was run").doesNotContain("no longer have");

                long fixing = System.nanoTime();
                d.restart(bigFlags);
                gitlab.answer(200);
                Eventually.await("resolved; serve's log:\n" + bot.log(), Duration.ofSeconds(90),
                        () -> slack.posted().stream().anyMatch(p -> root.ts().equals(p.threadTs()) && p.text().startsWith("Resolved after")));
                System.out.printf("serve: resolved %d ms after the test began putting the daemon back%n", (System.nanoTime() - fixing) / 1_000_000);
                assertThat(slack.posted().stream().filter(p -> p.threadTs() == null)).as("one root message").hasSize(1);
                assertThat(slack.posted().get(0).text()).startsWith("Resolved on ");
                assertThat(Files.readString(state.resolve(IncidentStore.FILE))).contains(root.ts(), incidentId, "\"resolved\"");
                Eventually.await("/metrics says resolved", Duration.ofSeconds(10),
                        () -> value(metrics(bot.port()), "docker_doctor_incident_open{") == 0.0);
            }
        }
    }
}
