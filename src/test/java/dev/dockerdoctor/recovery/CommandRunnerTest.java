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
}
