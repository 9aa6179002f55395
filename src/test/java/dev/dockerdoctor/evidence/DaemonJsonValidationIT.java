package dev.dockerdoctor.evidence;

import dev.dockerdoctor.model.DaemonJsonCheck;
import dev.dockerdoctor.testing.ModernDocker;
import dev.dockerdoctor.testing.Rig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code dockerd --validate} asked of the real binaries: today's engine (28.5) judges a file in its own words and
 * says "configuration OK" to a good one; Debian 12's 20.10 does not know the flag, so it cannot tell (and the
 * project's own checks stand). No daemon is started.
 */
class DaemonJsonValidationIT {
    private static final String BAD = "{\"data_root\": \"/srv/docker\", \"live-restore\": true}";
    private static final String GOOD = "{\"data-root\": \"/srv/docker\", \"live-restore\": true}";

    @Test
    void todaysDockerdJudgesAndAnOldOneCannotTell(@TempDir Path tmp) throws IOException {
        Path bad = Files.writeString(tmp.resolve("bad.json"), BAD);
        Path good = Files.writeString(tmp.resolve("good.json"), GOOD);

        DaemonJsonValidation modern = new DaemonJsonValidation(ModernDocker.bin().resolve("dockerd"));
        Optional<DaemonJsonCheck> refused = modern.check(bad, BAD);
        assertThat(refused).hasValueSatisfying(c -> {
            assertThat(c.accepted()).isFalse();
            assertThat(c.words()).isEqualTo("unable to configure the Docker daemon with file " + bad
                    + ": the following directives don't match any configuration option: data_root");
        });
        assertThat(modern.check(good, GOOD)).hasValueSatisfying(c -> assertThat(c.accepted()).isTrue());

        Path old = Path.of("/usr/sbin/dockerd");
        if (!Files.isExecutable(old)) Rig.skipOrFail("Debian 12's dockerd is not installed at " + old);
        assertThat(new DaemonJsonValidation(old).check(bad, BAD)).as("20.10 has no --validate").isEmpty();
    }
}
