package dev.dockerdoctor.recovery;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CommandRunnerTest {
    private final CommandRunner runner = new CommandRunner();

    @Test
    void runsAnArgvAndKeepsItsOutputAndStatus() {
        CommandRunner.Result r = runner.run(List.of("sh", "-c", "echo out; echo err >&2; exit 3"), Duration.ofSeconds(10));
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.output()).contains("out").contains("err");
        assertThat(r.ok()).isFalse();
        assertThat(r.summary()).startsWith("exit 3");
    }

    @Test
    void shellCharactersInAnArgumentAreJustCharacters() {
        CommandRunner.Result r = runner.run(List.of("echo", "a; rm -rf /tmp/x && $(reboot)"), Duration.ofSeconds(10));
        assertThat(r.ok()).isTrue();
        assertThat(r.output().strip()).isEqualTo("a; rm -rf /tmp/x && $(reboot)");
    }

    @Test
    void aHangingCommandIsKilledAtItsTimeout() {
        long t0 = System.nanoTime();
        CommandRunner.Result r = runner.run(List.of("sleep", "30"), Duration.ofMillis(300));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(r.timedOut()).isTrue();
        assertThat(r.ok()).isFalse();
        assertThat(ms).isLessThan(5000);
        assertThat(r.summary()).contains("timed out");
    }

    @Test
    void aMissingProgramIsAResultNotAnException() {
        CommandRunner.Result r = runner.run(List.of("/nonexistent/program"), Duration.ofSeconds(5));
        assertThat(r.ok()).isFalse();
        assertThat(r.error()).contains("no such program");
    }

    @Test
    void hugeOutputKeepsOnlyItsEnd() {
        CommandRunner.Result r = runner.run(List.of("sh", "-c", "i=0; while [ $i -lt 5000 ]; do echo line$i; i=$((i+1)); done"),
                Duration.ofSeconds(20));
        assertThat(r.output()).contains("line4999").doesNotContain("line10\n").contains("bytes cut");
        assertThat(r.output().length()).isLessThan(CommandRunner.MAX_OUTPUT + 100);
    }

    @Test
    void aCommandSeesNoneOfTheBotsOwnEnvironment() {
        java.util.Map<String, String> mine = System.getenv();
        org.junit.jupiter.api.Assumptions.assumeTrue(mine.keySet().stream().anyMatch(k -> !CommandRunner.PASSED_ON.contains(k)),
                "this JVM's environment has nothing to scrub");
        CommandRunner.Result r = runner.run(List.of("env"), java.time.Duration.ofSeconds(10));
        assertThat(r.ok()).isTrue();
        java.util.List<String> names = r.output().lines().filter(l -> l.contains("=")).map(l -> l.substring(0, l.indexOf('='))).toList();
        assertThat(names).as("only the names a command needs").isSubsetOf(CommandRunner.PASSED_ON);
        if (mine.containsKey("PATH")) assertThat(names).contains("PATH");

        java.util.Map<String, String> env = new java.util.HashMap<>(java.util.Map.of("SLACK_BOT_TOKEN", "xoxb-1-2-3",
                "DOCTOR_ADMINS", "U0ALICE", "PATH", "/usr/bin", "DOCKER_HOST", "unix:///run/docker.sock"));
        CommandRunner.scrub(env);
        assertThat(env).containsOnlyKeys("PATH", "DOCKER_HOST");
    }
}
