package dev.dockerdoctor.evidence;

import dev.dockerdoctor.parse.compose.ComposeParser.Dialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ComposeCommandTest {
    @TempDir
    Path root;

    private void write(String hostPath, byte[] bytes) throws IOException {
        Path p = root.resolve(hostPath.substring(1));
        Files.createDirectories(p.getParent());
        Files.write(p, bytes);
    }

    private ComposeCommand detect() {
        return ComposeCommand.detect(new HostFiles(root), Map.of("HOME", "/home/ops"));
    }

    @Test
    void shouldPreferTheV2PluginWhenDockerIsThere() throws IOException {
        write("/usr/bin/docker", new byte[]{0x7f, 'E', 'L', 'F'});
        write("/usr/libexec/docker/cli-plugins/docker-compose", new byte[]{0x7f, 'E', 'L', 'F'});
        write("/usr/bin/docker-compose", "#!/usr/bin/python3\nfrom compose.cli.main import main\n".getBytes());
        ComposeCommand c = detect();
        assertThat(c.argv()).containsExactly("docker", "compose");
        assertThat(c.dialect()).isEqualTo(Dialect.V2);
        assertThat(c.evidence()).contains("/usr/libexec/docker/cli-plugins/docker-compose");
    }

    @Test
    void shouldFindAUsersPluginToo() throws IOException {
        write("/usr/local/bin/docker", new byte[]{1});
        write("/home/ops/.docker/cli-plugins/docker-compose", new byte[]{1});
        assertThat(detect().argv()).containsExactly("docker", "compose");
    }

    @Test
    void shouldTellV1FromAStandaloneV2() throws IOException {
        write("/usr/bin/docker-compose", "#!/usr/bin/python3\n# EASY-INSTALL-ENTRY-SCRIPT: 'docker-compose==1.29.2'\n".getBytes());
        ComposeCommand v1 = detect();
        assertThat(v1.argv()).containsExactly("docker-compose");
        assertThat(v1.dialect()).isEqualTo(Dialect.V1);
        assertThat(v1.evidence()).contains("Python");

        byte[] go = new byte[8192];
        System.arraycopy(new byte[]{0x7f, 'E', 'L', 'F'}, 0, go, 0, 4);
        byte[] id = "\u00ffGo build ID: \"abc\"".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        System.arraycopy(id, 0, go, 4000, id.length);
        write("/usr/bin/docker-compose", go);
        ComposeCommand v2 = detect();
        assertThat(v2.argv()).containsExactly("docker-compose");
        assertThat(v2.dialect()).isEqualTo(Dialect.V2);
    }

    @Test
    void shouldAssumeV2WhenNothingIsInstalled() {
        ComposeCommand c = detect();
        assertThat(c.argv()).containsExactly("docker", "compose");
        assertThat(c.evidence()).contains("assuming");
    }

    @Test
    void shouldDetectDebiansComposeV1OnThisMachine() throws IOException {
        Path script = Path.of("/usr/bin/docker-compose");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(script)
                && Files.readString(script).startsWith("#!/usr/bin/python3")
                && !Files.exists(Path.of("/usr/libexec/docker/cli-plugins/docker-compose"))
                && !Files.exists(Path.of("/usr/lib/docker/cli-plugins/docker-compose")), "no Debian docker-compose v1 here");
        ComposeCommand c = ComposeCommand.detect(new HostFiles(Path.of("/")), Map.of());
        assertThat(c.argv()).containsExactly("docker-compose");
        assertThat(c.dialect()).isEqualTo(Dialect.V1);
    }
}
