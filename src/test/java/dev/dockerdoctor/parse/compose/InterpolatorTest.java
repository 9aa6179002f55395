package dev.dockerdoctor.parse.compose;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InterpolatorTest {

    private static Map<String, String> vars() {
        Map<String, String> v = new HashMap<>();
        v.put("SET", "value");
        v.put("EMPTY", "");
        v.put("PORT", "8080");
        return v;
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "${SET}|value",
            "$SET|value",
            "$SET/x|value/x",
            "a${SET}b|avalueb",
            "${UNSET}|''",
            "$UNSET|''",
            "${SET:-d}|value",
            "${EMPTY:-d}|d",
            "${UNSET:-d}|d",
            "${SET-d}|value",
            "${EMPTY-d}|''",
            "${UNSET-d}|d",
            "${SET:+x}|x",
            "${EMPTY:+x}|''",
            "${UNSET:+x}|''",
            "${SET+x}|x",
            "${EMPTY+x}|x",
            "${UNSET+x}|''",
            "${SET:?boom}|value",
            "${EMPTY?boom}|''",
            "$$|$",
            "$${SET}|${SET}",
            "$$SET|$SET",
            "price: $$5|price: $5",
            "${UNSET:-${PORT}}|8080",
            "${UNSET:-${ALSO_UNSET:-deep}}|deep",
            "${UNSET:-a:b}|a:b",
            "${UNSET:-/srv/data}:/data|/srv/data:/data",
            "no dollar here|no dollar here",
    })
    void shouldSubstituteLikeCompose(String in, String out) {
        assertThat(new Interpolator(vars()).apply(in)).isEqualTo(out);
    }

    @Test
    void shouldReportUnsetVariablesWithoutDefaults() {
        Interpolator in = new Interpolator(vars());
        in.apply("${A} $B ${C:-c} ${A}");
        assertThat(in.unsetVariables()).containsExactly("A", "B");
    }

    @Test
    void shouldFailOnMissingRequiredVariableWithItsMessage() {
        assertThatThrownBy(() -> new Interpolator(vars()).apply("${UNSET:?set it in .env}"))
                .isInstanceOf(Interpolator.Failure.class)
                .hasMessage("required variable UNSET is missing a value: set it in .env");
        assertThatThrownBy(() -> new Interpolator(vars()).apply("${EMPTY:?}"))
                .hasMessage("required variable EMPTY is missing a value");
        assertThatThrownBy(() -> new Interpolator(vars()).apply("${UNSET?err}"))
                .hasMessageContaining("required variable UNSET");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"echo $ foo", "trailing $", "${", "${SET", "${}", "${1abc}", "${SET%x}", "$-"})
    void shouldRefuseMalformedTemplates(String in) {
        assertThatThrownBy(() -> new Interpolator(vars()).apply(in))
                .isInstanceOf(Interpolator.Failure.class)
                .hasMessageContaining("invalid interpolation format");
    }

    @Test
    void shouldKeepMalformedTemplatesAsWrittenWhenLenient() {
        assertThat(new Interpolator(vars(), true).apply("pa$$w0rd$ and ${open")).isEqualTo("pa$w0rd$ and ${open");
    }

    @Test
    void shouldNotRecurseForeverOnDeeplyNestedDefaults() {
        String s = "${A:-".repeat(40) + "x" + "}".repeat(40);
        assertThatThrownBy(() -> new Interpolator(Map.of()).apply(s)).isInstanceOf(Interpolator.Failure.class);
    }
}
