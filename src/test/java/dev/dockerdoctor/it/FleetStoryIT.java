package dev.dockerdoctor.it;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.dockerdoctor.slack.message.ButtonRef;
import dev.dockerdoctor.testing.DoctorCli;
import dev.dockerdoctor.testing.Eventually;
import dev.dockerdoctor.testing.HostNamespace;
import dev.dockerdoctor.testing.standin.ServeProcess;
import dev.dockerdoctor.testing.standin.SignedClient;
import dev.dockerdoctor.testing.standin.SlackJson;
import dev.dockerdoctor.testing.standin.SlackPayloads;
import dev.dockerdoctor.testing.standin.SlackStandIn;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fleet, end to end: three hosts, each a private mount + network namespace with its own dockerd, /etc/docker,
 * /var/lib/docker, /var/log and /run, each running the packaged {@code agent} enrolled with a one-time token; the hub
 * is {@code serve} outside them, with the Slack stand-in. The upgrade story on host-a gives one incident naming
 * host-a and no other host; an admin's click in its thread fixes host-a over the link and touches no other; a killed
 * agent becomes an incident of its host; a spent token and a made-up one get nothing in.
 */
class FleetStoryIT {
    private static final String SECRET = "fleet-story-secret-0123456789abcd";
    private static final String CHANNEL = "C0INCIDENTS";
    private static final List<String> HOSTS = List.of("host-a", "host-b", "host-c");

    @Test
    void theStoryOnOneHostOfThreeIsThatHostsAndItsClickFixesThatHostAlone() throws Exception {
        List<HostNamespace> ns = new ArrayList<>();
        List<Process> agents = new ArrayList<>();
        try (SlackStandIn slack = new SlackStandIn()) {
            for (int i = 0; i < HOSTS.size(); i++) ns.add(HostNamespace.create());
            HostNamespace a = ns.get(0);
            HostNamespaceStoryIT.writeTheUpgradesLogs(a, ZonedDateTime.now(ZoneId.systemDefault()).minusMinutes(20));
            for (HostNamespace h : ns) h.startDockerd(HostNamespaceStoryIT.withFlag());
            a.composeUpGitLab();
            Eventually.await(() -> "GitLab answering on host-a", Duration.ofSeconds(30), a::gitlabAnswers);

            Path hubState = Files.createDirectories(a.base().resolve("hub-state"));
            Map<String, String> onHub = Map.of("DOCTOR_STATE_DIR", hubState.toString());
            Map<String, String> tokens = new LinkedHashMap<>();
            for (String name : HOSTS) {
                DoctorCli.Run enroll = DoctorCli.run(onHub, "enroll", name);
                assertThat(enroll.exitCode()).as(enroll.stderr()).isZero();
                List<String> lines = enroll.stdout().lines().toList();
                tokens.put(name, lines.get(lines.size() - 1));
            }
            int agentPort = freePort();
            Path emptyRoot = Files.createDirectories(a.base().resolve("hub-root"));
            Map<String, String> hubEnv = new LinkedHashMap<>(Map.of(
                    "SLACK_BOT_TOKEN", "xoxb-fleet", "SLACK_SIGNING_SECRET", SECRET, "SLACK_API_URL", slack.apiUrl(),
                    "DOCTOR_STATE_DIR", hubState.toString(), "DOCTOR_ADMINS", "U0ALICE,U0CAROL", "DOCTOR_CHANNEL", CHANNEL,
                    "DOCTOR_WATCH_INTERVAL", "1", "DOCTOR_AGENT_PORT", Integer.toString(agentPort),
                    "DOCTOR_HOST_NAME", "hub", "DOCTOR_HOST_ROOT", emptyRoot.toString()));
            hubEnv.put("DOCKER_HOST", "unix://" + emptyRoot.resolve("no-docker.sock"));
            try (ServeProcess hub = ServeProcess.start(hubEnv, a.base(), Duration.ofSeconds(90))) {
                for (int i = 0; i < HOSTS.size(); i++) {
                    agents.add(agent(ns.get(i), HOSTS.get(i), tokens.get(HOSTS.get(i)), agentPort, i == 0));
                }
                for (int i = 0; i < HOSTS.size(); i++) {
                    Path identity = ns.get(i).base().resolve("agent-state/fleet/agent.json");
                    HostNamespace h = ns.get(i);
                    Eventually.await(HOSTS.get(i) + " enrolled; its log:\n" + agentLog(h) + "\nhub's log:\n" + hub.log(),
                            Duration.ofSeconds(60), () -> Files.exists(identity));
                }
                Thread.sleep(3000);
                assertThat(slack.posted()).as("three healthy hosts raise nothing").isEmpty();

                // the upgrade's restart on host-a: dockerd comes back without its flag, on the empty default root
                a.stopDockerd();
                a.startDockerd(HostNamespaceStoryIT.UNIT_FLAGS);
                Eventually.await(() -> "host-a's root message; hub's log:\n" + hub.log() + "\nhost-a's agent:\n" + agentLog(a),
                        Duration.ofSeconds(90), () -> slack.posted().stream().anyMatch(p -> p.threadTs() == null));
                SlackStandIn.Posted root = slack.posted().get(0);
                assertThat(root.channel()).isEqualTo(CHANNEL);
                assertThat(root.text() + root.blocks()).as("the root message names its host").contains("host-a")
                        .doesNotContain("host-b").doesNotContain("host-c");
                Eventually.await(() -> "the drift in host-a's thread; hub's log:\n" + hub.log(), Duration.ofSeconds(90),
                        () -> slack.posted().stream().anyMatch(p -> root.ts().equals(p.threadTs())
                                && p.blocks().contains("data-root-drift")));
                SlackStandIn.Posted diagnosis = slack.posted().stream().filter(p -> root.ts().equals(p.threadTs())
                        && p.blocks().contains("data-root-drift")).findFirst().orElseThrow();
                assertThat(diagnosis.blocks()).contains("/srv/docker", "containerd.io");
                JsonObject thread = JsonParser.parseString("{\"blocks\":" + diagnosis.blocks() + "}").getAsJsonObject();
                String value = SlackJson.button(thread, "restore-data-root").get("value").getAsString();
                String report = ButtonRef.decode(value).orElseThrow().report();
                assertThat(report).as("the button names its host").startsWith("host-a:");
                SignedClient client = new SignedClient("127.0.0.1", hub.port(), SECRET);

                // Bob acknowledges it through the modal: kept by host-a's own watch, shown on the root by the hub
                dev.dockerdoctor.testing.standin.AckThroughModal.ack(client, slack, report, "U0BOB", "looking at host-a's disks");
                Eventually.await(() -> "host-a's audit log has Bob's acknowledgement", Duration.ofSeconds(10),
                        () -> read(a.base().resolve("agent-state/audit.jsonl")).contains("looking at host-a's disks"));

                // Alice, an admin on the hub and on host-a, clicks in the thread
                JsonObject click = SlackPayloads.blockActionJson("restore-data-root", value, "U0ALICE", slack.responseUrl("click"));
                click.getAsJsonObject("container").addProperty("thread_ts", root.ts());
                click.getAsJsonObject("container").addProperty("is_ephemeral", false);
                click.getAsJsonObject("container").addProperty("channel_id", CHANNEL);
                click.getAsJsonObject("channel").addProperty("id", CHANNEL);
                assertThat(client.post("payload=" + URLEncoder.encode(click.toString(), StandardCharsets.UTF_8)).status())
                        .isEqualTo(200);
                Eventually.await(() -> "GitLab answering again on host-a; hub's log:\n" + hub.log() + "\nhost-a's agent:\n"
                        + agentLog(a), Duration.ofSeconds(60), a::gitlabAnswers);
                Eventually.await(() -> "the step's result and the resolution in host-a's thread; hub's log:\n" + hub.log(),
                        Duration.ofSeconds(90), () -> slack.posted().stream().anyMatch(p -> root.ts().equals(p.threadTs())
                                && p.text().contains("restore-data-root") && p.text().contains("done"))
                                && slack.posted().stream().anyMatch(p -> root.ts().equals(p.threadTs())
                                && p.text().startsWith("Resolved after")));
                assertThat(a.restarts()).as("host-a's Docker restarted once").isEqualTo(1);
                assertThat(ns.get(1).restarts() + ns.get(2).restarts()).as("no other host touched").isZero();
                for (HostNamespace other : ns.subList(1, 3)) {
                    assertThat(Files.exists(other.folder("/etc/docker/daemon.json"))).as("no other host's daemon.json written").isFalse();
                }
                assertThat(Files.readString(a.base().resolve("agent-state/audit.jsonl")))
                        .as("the host's own audit log has the click").contains("\"user\":\"U0ALICE\"", "restore-data-root");
                assertThat(slack.posted().stream().filter(p -> p.threadTs() == null)).as("one root message so far").hasSize(1);

            }

            // the hub is down while Docker stops on host-b and host-c: their agents keep what happened and tell it
            // when the hub is back (a new serve process on the same state folder and agent port)
            ns.get(1).stopDockerd();
            ns.get(2).stopDockerd();
            Thread.sleep(4000);
            assertThat(slack.posted().stream().filter(p -> p.threadTs() == null)).as("nothing posted while the hub is down").hasSize(1);
            try (ServeProcess hub = ServeProcess.start(hubEnv, a.base(), Duration.ofSeconds(90))) {
                SignedClient client = new SignedClient("127.0.0.1", hub.port(), SECRET);
                // one wave on two hosts, within seconds: one root message lists both, each host's incident is a card
                // in its thread
                Eventually.await(() -> "one root message for host-b and host-c; hub's log:\n" + hub.log() + "\nhost-b's agent:\n" + agentLog(ns.get(1)), Duration.ofSeconds(90),
                        () -> slack.posted().stream().anyMatch(p -> p.threadTs() == null && p.text().contains("2 hosts")
                                && p.text().contains("host-b") && p.text().contains("host-c")));
                SlackStandIn.Posted wave = slack.posted().stream().filter(p -> p.threadTs() == null && p.text().contains("2 hosts"))
                        .findFirst().orElseThrow();
                assertThat(wave.blocks()).contains("daemon-unreachable");
                Eventually.await(() -> "both hosts' cards in the wave's thread", Duration.ofSeconds(60), () -> slack.posted().stream()
                        .filter(p -> wave.ts().equals(p.threadTs()) && p.text().contains("Docker does not answer on host-")).count() >= 2);
                assertThat(slack.posted().stream().filter(p -> p.threadTs() == null)).as("host-a's and the wave's, no third")
                        .hasSize(2);
                for (HostNamespace h : ns.subList(1, 3)) h.startDockerd(HostNamespaceStoryIT.withFlag());
                Eventually.await(() -> "the wave resolved on both; hub's log:\n" + hub.log(), Duration.ofSeconds(90),
                        () -> slack.posted().stream().anyMatch(p -> wave.ts().equals(p.ts()) && p.text().startsWith("Resolved on 2 hosts")));

                // host-c's agent is killed: only the hub can tell, and it does, naming host-c
                DoctorCli.stop(agents.get(2));
                Eventually.await(() -> "host-c silent; hub's log:\n" + hub.log(), Duration.ofSeconds(60),
                        () -> slack.posted().stream().anyMatch(p -> p.threadTs() == null && p.text().contains("agent on host-c")));
                SlackStandIn.Posted silent = slack.posted().stream().filter(p -> p.threadTs() == null && p.text().contains("agent on host-c"))
                        .findFirst().orElseThrow();
                assertThat(silent.text()).contains("docker-doctor's agent", "missed 3 reports").doesNotContain("host-a").doesNotContain("host-b");
                assertThat(silent.blocks()).contains("until its agent reports again").doesNotContain("ui:ack");

                // /docker-status on the fleet: one line per host, worst first, host-c not reporting; then one host's report
                String fleet = command(slack, client, hub, "");
                assertThat(fleet).contains("4 hosts", "host-a", "host-b", "host-c", "hub");
                assertThat(fleet.indexOf("host-c")).as("the silent host first").isLessThan(fleet.indexOf("host-b"));
                assertThat(fleet).contains("not reporting since");
                String b = command(slack, client, hub, "host-b compose");
                assertThat(b).as("host-b's own report").contains("host-b").doesNotContain("host-a");
                assertThat(command(slack, client, hub, "no-such-host")).contains("neither a subcommand nor a host");

                // a spent token and a made-up one get nothing in
                for (String token : List.of(tokens.get("host-b"), "ddenroll1.bm90LWEtcmVhbC10b2tlbg")) {
                    Path state = Files.createDirectories(a.base().resolve("intruder-" + System.nanoTime()));
                    Path log = state.resolve("agent.log");
                    Process intruder = DoctorCli.start(List.of(), Map.of("DOCTOR_HUB_URL", "https://127.0.0.1:" + agentPort,
                            "DOCTOR_STATE_DIR", state.toString(), "DOCTOR_HOST_ROOT", emptyRoot.toString(),
                            "DOCKER_HOST", "unix://" + emptyRoot.resolve("no-docker.sock"), "DOCTOR_HOST_NAME", "intruder",
                            "DOCTOR_ENROLL_TOKEN", token, "DOCTOR_WATCH_INTERVAL", "1"), log, "agent");
                    try {
                        Eventually.await(() -> "the intruder refused", Duration.ofSeconds(60), () -> read(log).contains("refused")
                                || !intruder.isAlive());
                    } finally {
                        DoctorCli.stop(intruder);
                    }
                    assertThat(Files.exists(state.resolve("fleet/agent.json"))).as(read(log)).isFalse();
                }
                DoctorCli.Run hosts = DoctorCli.run(onHub, "hosts");
                assertThat(hosts.stdout()).contains("host-a", "host-b", "host-c").doesNotContain("intruder");
                // maintenance on another host: set by its agent for its own admins only, told in the channel
                assertThat(command(slack, client, hub, "host-b maintenance 10m kernel upgrade", "U0CAROL"))
                        .as("Carol is a hub admin, not host-b's").contains("its own admins only");
                assertThat(command(slack, client, hub, "host-b maintenance 10m kernel upgrade", "U0ALICE")).contains("Maintenance until");
                Eventually.await(() -> "host-b's maintenance told in the channel; hub's log:\n" + hub.log(), Duration.ofSeconds(30),
                        () -> slack.posted().stream().anyMatch(p -> p.threadTs() == null && p.text().contains("host-b")
                                && p.text().toLowerCase(java.util.Locale.ROOT).contains("maintenance")));
                assertThat(command(slack, client, hub, "host-b maintenance", "U0BOB")).contains("kernel upgrade");
                assertThat(command(slack, client, hub, "maintenance", "U0BOB")).as("the hub's own host has none")
                        .contains("No maintenance under way");
                assertThat(command(slack, client, hub, "host-b maintenance end", "U0ALICE")).contains("Maintenance ended");

                SlackStandIn.recordForPreview("fleet-story", slack.requestsTo("/api/chat."));
            }
        } finally {
            for (Process p : agents) DoctorCli.stop(p);
            for (HostNamespace h : ns) h.close();
        }
    }

    /** What /docker-status TEXT answers (its blocks' JSON), as Alice types it. */
    private static String command(SlackStandIn slack, SignedClient client, ServeProcess hub, String text) throws Exception {
        return command(slack, client, hub, text, "U0ALICE");
    }

    private static String command(SlackStandIn slack, SignedClient client, ServeProcess hub, String text, String user) throws Exception {
        String name = "cmd-" + System.nanoTime();
        SignedClient.Answer r = client.post(SlackPayloads.slashCommand(text, user, slack.responseUrl(name)));
        assertThat(r.status()).isEqualTo(200);
        if (r.body() != null && r.body().contains("blocks")) return r.body(); // answered in the ack itself
        return slack.awaitPath("/response/" + name, Duration.ofSeconds(60))
                .orElseThrow(() -> new AssertionError("no answer to /docker-status " + text + "; hub's log:\n" + hub.log())).body();
    }

    /** The packaged agent inside its host's namespace, every default path its own (socket, host root, logs). */
    private static Process agent(HostNamespace ns, String name, String token, int hubPort, boolean watchGitLab) throws Exception {
        Path state = Files.createDirectories(ns.base().resolve("agent-state"));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DOCTOR_HUB_URL", "https://" + ns.hostAddress() + ":" + hubPort);
        env.put("DOCTOR_ENROLL_TOKEN", token);
        env.put("DOCTOR_HOST_NAME", name);
        env.put("DOCTOR_STATE_DIR", state.toString());
        env.put("DOCTOR_ADMINS", "U0ALICE");
        env.put("DOCTOR_WATCH_INTERVAL", "1");
        env.put("DOCTOR_DOCKER_RESTART", ns.restartScript(HostNamespaceStoryIT.UNIT_FLAGS).toString());
        if (watchGitLab) env.put("DOCTOR_WATCH", "gitlab=http://127.0.0.1:8080/");
        List<String> argv = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx96m",
                "-jar", DoctorCli.jar().toAbsolutePath().toString(), "agent");
        return ns.start(argv, env, ns.base().resolve("agent.log"));
    }

    private static String agentLog(HostNamespace ns) {
        return read(ns.base().resolve("agent.log"));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
