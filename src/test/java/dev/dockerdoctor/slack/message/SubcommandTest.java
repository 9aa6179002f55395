package dev.dockerdoctor.slack.message;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** One entry per subcommand: the parser, the help list and the usage line all read it. */
class SubcommandTest {
    @Test
    void everyWordParsesToItsEntryAndIsInTheHelpAndTheUsage() {
        Message help = ReportViews.help(null);
        String list = String.join("\n", Subcommand.helpLines("/docker-status"));
        for (Subcommand s : Subcommand.values()) {
            if (s.word() == null) continue;
            assertThat(Subcommand.of(s.word())).contains(s);
            assertThat(Subcommand.of(s.word().toUpperCase())).contains(s);
            assertThat(list).contains("`/docker-status " + s.word());
            assertThat(help.fallback()).contains(s.word());
        }
        assertThat(Subcommand.of("log")).contains(Subcommand.LOGS);
        assertThat(Subcommand.of("rooot")).isEmpty();
        assertThat(Subcommand.usage("/docker-status")).isEqualTo("/docker-status [help|root|logs [window]|compose|plan|share|maintenance DURATION [reason] | end]");
        assertThat(Arrays.stream(Subcommand.values()).filter(s -> s.word() == null)).containsExactly(Subcommand.REPORT);
    }
}
