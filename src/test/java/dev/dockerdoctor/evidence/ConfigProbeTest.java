package dev.dockerdoctor.evidence;

import dev.dockerdoctor.model.DockerConfig;
import dev.dockerdoctor.model.Install;
import dev.dockerdoctor.model.DockerdProcess;
import dev.dockerdoctor.model.RootSetting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Every place the data root can be configured, with file contents as they appear on real hosts. */
class ConfigProbeTest {
    /** Ubuntu's docker-ce 20.10 unit, as shipped (abridged to the parts that matter, continuation lines kept). */
    static final String VENDOR_UNIT = """
            [Unit]
            Description=Docker Application Container Engine
            Documentation=https://docs.docker.com
            After=network-online.target docker.socket firewalld.service containerd.service
            Wants=network-online.target
            Requires=docker.socket containerd.service

            [Service]
            Type=notify
            # the default is not to use systemd for cgroups because the delegate issues still
            # exists and systemd currently does not support the cgroup feature set required
            # for containers run by docker
            ExecStart=/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock
            ExecReload=/bin/kill -s HUP $MAINPID
            TimeoutSec=0
            RestartSec=2
            Restart=always

            [Install]
            WantedBy=multi-user.target
            """;

    @TempDir
    Path root;

    private void write(String hostPath, String text) throws IOException {
        Path p = root.resolve(hostPath.substring(1));
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private DockerConfig probe() {
        return new ConfigProbe(new HostFiles(root), "unix:///var/run/docker.sock").read();
    }

    @Test
    void aStockHostConfiguresNoRootAnywhere() throws IOException {
        write("/lib/systemd/system/docker.service", VENDOR_UNIT);
        DockerConfig c = probe();
        assertThat(c.rootSettings()).isEmpty();
        assertThat(c.configuredRoot()).isEmpty();
        assertThat(c.dockerInstalled()).isTrue();
        assertThat(c.effectiveExecStart()).isEqualTo("/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock");
    }

    @Test
    void daemonJsonDataRootIsEffective() throws IOException {
        write("/lib/systemd/system/docker.service", VENDOR_UNIT);
        write("/etc/docker/daemon.json", "{\n  \"data-root\": \"/srv/docker\",\n  \"log-driver\": \"json-file\"\n}\n");
        DockerConfig c = probe();
        assertThat(c.configuredRoot()).contains("/srv/docker");
        assertThat(c.rootSettings()).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(RootSetting.Kind.DAEMON_JSON);
            assertThat(r.key()).isEqualTo("data-root");
        });
        assertThat(c.daemonJson()).containsEntry("log-driver", "json-file");
        assertThat(c.daemonJsonText()).contains("/srv/docker");
    }

    @Test
    void legacyGraphKeyCountsOnlyWithoutDataRoot() throws IOException {
        write("/etc/docker/daemon.json", "{\"graph\": \"/mnt/docker\"}");
        assertThat(probe().configuredRoot()).contains("/mnt/docker");
        write("/etc/docker/daemon.json", "{\"graph\": \"/mnt/docker\", \"data-root\": \"/srv/docker\"}");
        assertThat(probe().configuredRoot()).contains("/srv/docker");
    }

    @Test
    void aHandEditedVendorUnitWithContinuationLinesSetsTheRoot() throws IOException {
        write("/lib/systemd/system/docker.service", VENDOR_UNIT.replace(
                "ExecStart=/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock",
                "ExecStart=/usr/bin/dockerd -H fd:// \\\n    --containerd=/run/containerd/containerd.sock \\\n    --data-root /srv/docker"));
        DockerConfig c = probe();
        assertThat(c.rootSettings()).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(RootSetting.Kind.VENDOR_UNIT);
            assertThat(r.key()).isEqualTo("--data-root");
            assertThat(r.value()).isEqualTo("/srv/docker");
            assertThat(r.effective()).isTrue();
        });
    }

    @Test
    void aFlagAndDaemonJsonTogetherAreAConflict() throws IOException {
        write("/lib/systemd/system/docker.service", VENDOR_UNIT.replace("--containerd=", "-g /srv/docker --containerd="));
        write("/etc/docker/daemon.json", "{\"data-root\": \"/srv/docker\"}");
        DockerConfig c = probe();
        assertThat(c.hasFlagAndFileConflict()).isTrue();
        assertThat(c.rootSettings()).extracting(RootSetting::key).containsExactlyInAnyOrder("-g", "data-root");
    }

    @Test
    void aDropInResetsExecStartAndItsFlagWins() throws IOException {
        write("/lib/systemd/system/docker.service", VENDOR_UNIT.replace("--containerd=", "--data-root=/old --containerd="));
        write("/etc/systemd/system/docker.service.d/override.conf", """
                [Service]
                ExecStart=
                ExecStart=/usr/bin/dockerd --data-root=/data/docker -H fd:// --containerd=/run/containerd/containerd.sock
                """);
        DockerConfig c = probe();
        assertThat(c.effectiveConfiguredRoots()).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(RootSetting.Kind.DROP_IN);
            assertThat(r.value()).isEqualTo("/data/docker");
        });
        // the vendor unit's flag is still reported, but not honoured
        assertThat(c.rootSettings()).anySatisfy(r -> {
            assertThat(r.kind()).isEqualTo(RootSetting.Kind.VENDOR_UNIT);
            assertThat(r.effective()).isFalse();
        });
        assertThat(c.configuredRoot()).contains("/data/docker");
    }

    @Test
    void aFullOverrideInEtcReplacesTheVendorUnit() throws IOException {
        write("/lib/systemd/system/docker.service", VENDOR_UNIT);
        write("/etc/systemd/system/docker.service", VENDOR_UNIT.replace("--containerd=", "--graph /big/docker --containerd="));
        DockerConfig c = probe();
        assertThat(c.effectiveConfiguredRoots()).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(RootSetting.Kind.OVERRIDE_UNIT);
            assertThat(r.key()).isEqualTo("--graph");
            assertThat(r.value()).isEqualTo("/big/docker");
        });
    }

    @Test
    void etcDefaultDockerIsIgnoredUnderSystemd() throws IOException {
        write("/lib/systemd/system/docker.service", VENDOR_UNIT);
        write("/etc/default/docker", """
                # Docker Upstart and SysVinit configuration file
                #DOCKER="/usr/local/bin/dockerd"
                DOCKER_OPTS="--dns 8.8.8.8 -g /mnt/docker"
                """);
        DockerConfig c = probe();
        assertThat(c.rootSettings()).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(RootSetting.Kind.ETC_DEFAULT);
            assertThat(r.value()).isEqualTo("/mnt/docker");
            assertThat(r.effective()).isFalse();
        });
        assertThat(c.configuredRoot()).isEmpty();
    }

    @Test
    void snapDaemonJsonIsRead() throws IOException {
        Files.createDirectories(root.resolve("snap/docker"));
        write("/var/snap/docker/current/config/daemon.json", "{\"log-level\": \"error\", \"data-root\": \"/media/big/docker\"}");
        DockerConfig c = probe();
        assertThat(c.configuredRoot()).contains("/media/big/docker");
        // the snap is the only Docker: its daemon.json is the daemon's, and an edit goes there
        assertThat(c.install()).isEqualTo(Install.SNAP);
        assertThat(c.daemonJsonPath()).isEqualTo("/var/snap/docker/current/config/daemon.json");
        assertThat(c.rootSettings()).singleElement().extracting(RootSetting::kind).isEqualTo(RootSetting.Kind.DAEMON_JSON);
    }

    @Test
    void aSnapBesideThePackagesDockerIsASettingThatMayNotCount() throws IOException {
        Files.createDirectories(root.resolve("snap/docker"));
        write("/usr/lib/systemd/system/docker.service", "[Service]\nExecStart=/usr/bin/dockerd -H fd://\n");
        write("/var/snap/docker/current/config/daemon.json", "{\"data-root\": \"/media/big/docker\"}");
        DockerConfig c = probe();
        assertThat(c.install()).isEqualTo(Install.DEB);
        assertThat(c.daemonJsonPath()).isEqualTo("/etc/docker/daemon.json");
        assertThat(c.rootSettings()).singleElement().extracting(RootSetting::kind).isEqualTo(RootSetting.Kind.SNAP);
    }

    @Test
    void aCorruptDaemonJsonIsAProblemNotACrash() throws IOException {
        write("/etc/docker/daemon.json", "{\n  \"data-root\": \"/srv/docker\",\n");
        DockerConfig c = probe();
        assertThat(c.daemonJsonError()).contains("not valid JSON").contains("line");
        assertThat(c.daemonJson()).isEmpty();
        assertThat(c.rootSettings()).isEmpty();
    }

    @Test
    void binaryJunkAsDaemonJsonIsAProblem() throws IOException {
        Path p = root.resolve("etc/docker/daemon.json");
        Files.createDirectories(p.getParent());
        Files.write(p, new byte[]{(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13, (byte) 0xff});
        assertThat(probe().daemonJsonError()).isNotNull();
    }

    @Test
    void aDaemonJsonThatIsAListIsAProblem() throws IOException {
        write("/etc/docker/daemon.json", "[\"data-root\", \"/srv\"]");
        assertThat(probe().daemonJsonError()).contains("not a JSON object");
    }

    @Test
    void theRunningDaemonsCommandLineIsReadFromProcAndMatchedToTheSocket() throws IOException {
        cmdline(812, "/usr/bin/dockerd", "-H", "fd://", "--containerd=/run/containerd/containerd.sock");
        cmdline(4242, "/usr/sbin/dockerd", "--data-root", "/tmp/other", "--host", "unix:///tmp/other.sock");
        cmdline(77, "/usr/bin/containerd");
        write("/var/run/docker.pid", "812\n");
        DockerConfig c = probe();
        assertThat(c.processes()).extracting(DockerdProcess::pid).containsExactlyInAnyOrder(812L, 4242L);
        assertThat(c.targetProcess()).get().extracting(DockerdProcess::pid).isEqualTo(812L);
        // the other daemon's flag is not "the" daemon's
        assertThat(c.rootSettings()).isEmpty();

        DockerConfig other = new ConfigProbe(new HostFiles(root), "unix:///tmp/other.sock").read();
        assertThat(other.targetProcess()).get().extracting(DockerdProcess::pid).isEqualTo(4242L);
        assertThat(other.rootSettings()).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(RootSetting.Kind.PROCESS);
            assertThat(r.value()).isEqualTo("/tmp/other");
        });
        // a running process is evidence, not configuration for the next start
        assertThat(other.configuredRoot()).isEmpty();
    }

    @Test
    void nothingInstalledMeansNotInstalled() {
        assertThat(probe().dockerInstalled()).isFalse();
    }

    @Test
    void fstabAndMountsAreRead() throws IOException {
        write("/etc/fstab", "# <file system> <mount point> <type> <options> <dump> <pass>\n"
                + "UUID=1234 / ext4 errors=remount-ro 0 1\nUUID=abcd /srv ext4 defaults,nofail 0 2\n/swapfile none swap sw 0 0\n");
        DockerConfig c = probe();
        assertThat(c.fstab()).extracting(m -> m.target()).containsExactly("/", "/srv");
    }

    private void cmdline(long pid, String... argv) throws IOException {
        Path p = root.resolve("proc/" + pid + "/cmdline");
        Files.createDirectories(p.getParent());
        Files.write(p, (String.join("\0", argv) + "\0").getBytes(StandardCharsets.UTF_8));
    }
}
