package dev.dockerdoctor.app;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** docker-doctor(1) is written from the commands themselves, and groff reads it without a warning. */
class ManPageTest {
    static String page() {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            assertThat(Main.run(new String[]{"generate-manpage"}, Map.of(), Clock.systemUTC())).isZero();
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void thePageNamesEveryVisibleCommandEveryOptionAndEverySetting() {
        String page = page();
        assertThat(page).startsWith(".TH DOCKER-DOCTOR 1 ").contains(".SH NAME", ".SH SYNOPSIS", ".SH COMMANDS", ".SH EXIT STATUS");
        for (String c : new String[]{"diagnose", "serve", "check", "healthcheck", "generate-completion"}) {
            assertThat(page).contains("\\fB" + c.replace("-", "\\-") + "\\fR");
        }
        for (String o : new String[]{"\\-\\-since", "\\-\\-host\\-root", "\\-\\-docker\\-host", "\\-\\-state\\-dir", "\\-\\-json"}) {
            assertThat(page).contains(o);
        }
        assertThat(page).doesNotContain("generate\\-manpage").as("a hidden command stays hidden");
        Env.settings().forEach(s -> assertThat(page).contains(s));
    }

    @Test
    void groffReadsItWithoutAWarning() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/groff")), "no groff here");
        Path f = Files.createTempFile("docker-doctor", ".1");
        try {
            Files.writeString(f, page());
            Process p = new ProcessBuilder("/usr/bin/groff", "-man", "-Tutf8", "-ww", f.toString()).start();
            byte[] out = p.getInputStream().readAllBytes();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).isZero();
            assertThat(err).as("groff's warnings").isEmpty();
            // bold and underline come as overstrikes (x BACKSPACE x): read the letters
            String text = new String(out, StandardCharsets.UTF_8).replaceAll(".\b", "");
            assertThat(text).contains("COMMANDS", "EXIT STATUS", "check [--json]", "--since WINDOW");
        } finally {
            Files.deleteIfExists(f);
        }
    }
}
