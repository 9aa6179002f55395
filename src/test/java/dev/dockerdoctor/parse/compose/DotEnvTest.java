package dev.dockerdoctor.parse.compose;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DotEnvTest {

    @Test
    void shouldReadTheFormsComposeReads() {
        String text = """
                # a comment
                PLAIN=value
                export EXPORTED=yes
                SPACED = padded   
                COMMENTED=abc # not part of it
                HASH=abc#def
                SINGLE='literal ${PLAIN} \\n'
                DOUBLE="line\\nnext ${PLAIN}"
                REF=${PLAIN}-x
                DEFAULTED=${NOPE:-fallback}
                EMPTY=
                MULTI="first
                second"
                FROM_ENV
                """;
        DotEnv.Result r = DotEnv.parse(text, Map.of("FROM_ENV", "env-value"));
        assertThat(r.problem()).isNull();
        assertThat(r.vars()).containsEntry("PLAIN", "value")
                .containsEntry("EXPORTED", "yes")
                .containsEntry("SPACED", "padded")
                .containsEntry("COMMENTED", "abc")
                .containsEntry("HASH", "abc#def")
                .containsEntry("SINGLE", "literal ${PLAIN} \\n")
                .containsEntry("DOUBLE", "line\nnext value")
                .containsEntry("REF", "value-x")
                .containsEntry("DEFAULTED", "fallback")
                .containsEntry("EMPTY", "")
                .containsEntry("MULTI", "first\nsecond")
                .containsEntry("FROM_ENV", "env-value");
    }

    @Test
    void shouldKeepALoneDollarInAPassword() {
        assertThat(DotEnv.parse("PASS=ab$\n", Map.of()).vars()).containsEntry("PASS", "ab$");
    }

    @Test
    void shouldSayWhichLineIsBroken() {
        DotEnv.Result r = DotEnv.parse("A=1\nB=\"never closed\nC=3\n", Map.of());
        assertThat(r.problemLine()).isEqualTo(2);
        assertThat(r.problem()).contains("unterminated");
        assertThat(r.vars()).containsEntry("A", "1");
        assertThat(DotEnv.parse("BAD KEY=1", Map.of()).problem()).contains("BAD KEY");
    }

    @Test
    void shouldHandleCrLfLineEnds() {
        assertThat(DotEnv.parse("A=1\r\nB=2\r\n", Map.of()).vars()).containsEntry("A", "1").containsEntry("B", "2");
    }
}
