package dev.dockerdoctor.app;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What picocli gives every command: a completion script that knows the subcommands and their flags. */
class CliConventionsTest {
    static String out(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            assertThat(Main.run(args, Map.of(), Clock.systemUTC())).isZero();
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theCompletionScriptCompletesEverySubcommandAndItsFlags() {
        String script = out("generate-completion");
        assertThat(script).contains("complete -F _complete_docker-doctor", "docker-doctor");
        assertThat(script).contains("diagnose", "serve", "check", "healthcheck");
        assertThat(script).contains("--since", "--host-root", "--docker-host", "--state-dir", "--json");
    }
}
