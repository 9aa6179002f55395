package dev.dockerdoctor.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dockerdoctor.fleet.FleetBook;
import dev.dockerdoctor.fleet.link.HubLink;
import dev.dockerdoctor.fleet.link.LinkKeys;
import dev.dockerdoctor.model.Diagnosis;
import dev.dockerdoctor.store.StateJson;
import dev.dockerdoctor.testing.DoctorCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged CLI as an admin meets it: {@code enroll} on the hub's host, the {@code agent} process on another
 * (here: another state folder, a host without Docker, which is an outage the hub should hear of), {@code hosts},
 * a killed agent and its restart without the token, {@code forget}.
 */
class FleetAgentIT {
    @TempDir
    Path hubState;
    @TempDir
    Path agentState;
    @TempDir
    Path hostRoot;

    @Test
    void enrollRunTheAgentKillItRestartItForgetIt() throws Exception {
        Map<String, String> onHub = Map.of("DOCTOR_STATE_DIR", hubState.toString());
        DoctorCli.Run bad = DoctorCli.run(onHub, "enroll", "Web 1");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.stderr()).contains("is not one");

        DoctorCli.Run enroll = DoctorCli.run(onHub, "enroll", "web-1");
        assertThat(enroll.exitCode()).as(enroll.stderr()).isZero();
        List<String> lines = enroll.stdout().lines().toList();
        String token = lines.get(lines.size() - 1);
        assertThat(token).startsWith("ddenroll1.");
        assertThat(DoctorCli.run(onHub, "hosts").stdout()).contains("web-1").contains("pending");

        try (HubLink hub = HubLink.start(LinkKeys.hub(hubState),
                new FleetBook(hubState), "127.0.0.1", 0, Clock.systemUTC())) {
            Process agent = agent(hub.port(), token);
            try {
                waitFor(() -> hub.connected("web-1"), "the agent to enroll", agent);
                JsonNode answer = hub.diagnose("web-1", "report", Instant.now().minus(Duration.ofHours(1)), Duration.ofSeconds(60)).get();
                Diagnosis d = StateJson.MAPPER.treeToValue(answer, Diagnosis.class);
                assertThat(d.snapshot().daemon().reachable()).isFalse();
                assertThat(d.findings()).extracting(f -> f.id()).contains("daemon-unreachable");
                // the heartbeat carries what the agent's own diagnosis says (no Docker installed here: not an outage)
                String headline = dev.dockerdoctor.report.Summary.verdict(d);
                waitFor(() -> hub.fleet().stream().anyMatch(h -> headline.equals(h.headline()) && "ok".equals(h.verdict())),
                        "a heartbeat saying '" + headline + "'", agent);
                assertThat(Files.readString(agentState.resolve("fleet/agent.json"))).contains("web-1").doesNotContain(token);
            } finally {
                DoctorCli.stop(agent);
            }
            waitFor(() -> !hub.connected("web-1"), "the killed agent to be gone", null);
            assertThat(DoctorCli.run(onHub, "hosts").stdout()).contains("web-1").contains("enrolled").doesNotContain("never");

            // restarted without its token: its key and its kept name are enough
            Process again = agent(hub.port(), null);
            try {
                waitFor(() -> hub.connected("web-1"), "the restarted agent", again);
                DoctorCli.Run forget = DoctorCli.run(onHub, "forget", "web-1");
                assertThat(forget.exitCode()).isZero();
                waitFor(() -> !hub.connected("web-1"), "the forgotten agent to be let go", again);
                assertThat(DoctorCli.run(onHub, "forget", "web-1").exitCode()).isEqualTo(1);
            } finally {
                DoctorCli.stop(again);
            }
        }
    }

    private Process agent(int port, String token) throws Exception {
        Map<String, String> set = new LinkedHashMap<>();
        set.put("DOCTOR_HUB_URL", "https://127.0.0.1:" + port);
        set.put("DOCTOR_STATE_DIR", agentState.toString());
        set.put("DOCTOR_HOST_ROOT", hostRoot.toString());
        set.put("DOCKER_HOST", "unix://" + hostRoot.resolve("no-docker.sock"));
        set.put("DOCTOR_WATCH_INTERVAL", "1");
        if (token != null) set.put("DOCTOR_ENROLL_TOKEN", token);
        return DoctorCli.start(List.of(), set, agentState.resolve("agent-" + System.nanoTime() + ".log"), "agent");
    }

    private void waitFor(BooleanSupplier what, String name, Process agent) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!what.getAsBoolean()) {
            if (System.nanoTime() > end || (agent != null && !agent.isAlive())) {
                StringBuilder logs = new StringBuilder();
                try (var files = Files.list(agentState)) {
                    for (Path f : files.filter(f -> f.toString().endsWith(".log")).toList()) logs.append(Files.readString(f));
                }
                throw new AssertionError("timed out waiting for " + name + (agent != null && !agent.isAlive()
                        ? " (the agent exited " + agent.exitValue() + ")" : "") + "; agent's log:\n" + logs);
            }
            Thread.sleep(50);
        }
    }
}
