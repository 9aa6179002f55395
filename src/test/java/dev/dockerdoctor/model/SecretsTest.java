package dev.dockerdoctor.model;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SecretsTest {
    @Test
    void masksEveryOccurrenceAndTheLongestFirst() {
        Secrets s = Secrets.of(List.of("xoxb-123-456", "xoxb-123-456-789"));
        assertThat(s.redact("a xoxb-123-456-789 b xoxb-123-456 c"))
                .isEqualTo("a [redacted] b [redacted] c");
        assertThat(s.foundIn("Pulling tok (local/busybox:xoxb-123-456)")).isTrue();
    }

    @Test
    void ignoresNullsAndShortValuesAndNeverPrintsThem() {
        Secrets s = Secrets.of(Arrays.asList(null, "abc", "signing-secret-1"));
        assertThat(s.redact("abc")).isEqualTo("abc");
        assertThat(s.toString()).doesNotContain("signing-secret-1");
        assertThat(Secrets.of(List.of()).isEmpty()).isTrue();
        assertThat(Secrets.none().redact("xoxb-whatever")).isEqualTo("xoxb-whatever");
    }
}
