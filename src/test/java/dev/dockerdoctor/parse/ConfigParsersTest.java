package dev.dockerdoctor.parse;

import dev.dockerdoctor.model.MountPoint;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigParsersTest {
    @Test
    void dockerdFlagsInEverySpelling() {
        assertThat(DockerdFlags.dataRoot(List.of("dockerd", "--data-root", "/a"))).get().extracting(DockerdFlags.Flag::value).isEqualTo("/a");
        assertThat(DockerdFlags.dataRoot(List.of("dockerd", "--data-root=/b"))).get().extracting(DockerdFlags.Flag::value).isEqualTo("/b");
        assertThat(DockerdFlags.dataRoot(List.of("dockerd", "-g", "/c"))).get().extracting(DockerdFlags.Flag::name).isEqualTo("-g");
        assertThat(DockerdFlags.dataRoot(List.of("dockerd", "--graph=/d"))).get().extracting(DockerdFlags.Flag::value).isEqualTo("/d");
        assertThat(DockerdFlags.dataRoot(List.of("dockerd", "-H", "fd://"))).isEmpty();
        assertThat(DockerdFlags.storageDriver(List.of("dockerd", "-s", "vfs"))).get().extracting(DockerdFlags.Flag::value).isEqualTo("vfs");
        assertThat(DockerdFlags.hosts(List.of("dockerd", "-H", "fd://", "--host=unix:///x.sock"))).containsExactly("fd://", "unix:///x.sock");
        assertThat(DockerdFlags.isDockerd(List.of("/usr/bin/dockerd"))).isTrue();
        assertThat(DockerdFlags.isDockerd(List.of("/usr/bin/dockerd-rootless.sh"))).isFalse();
    }

    @Test
    void commandLineKeepsQuotedWordsTogether() {
        assertThat(CommandLine.split("--dns 8.8.8.8 -g \"/mnt/my docker\" '--label=a b'"))
                .containsExactly("--dns", "8.8.8.8", "-g", "/mnt/my docker", "--label=a b");
    }

    @Test
    void unitExecStartWithPrefixesAndResets() {
        String unit = """
                [Service]
                ExecStart=
                ExecStart=-/usr/bin/dockerd \\
                  # a comment inside the continuation
                  --data-root /srv/docker
                [Install]
                ExecStart=/not/a/service/key
                """;
        List<String> values = SystemdUnitParser.execStart(unit);
        assertThat(values).containsExactly("", "-/usr/bin/dockerd --data-root /srv/docker");
        assertThat(SystemdUnitParser.argv(values.get(1))).containsExactly("/usr/bin/dockerd", "--data-root", "/srv/docker");
        assertThat(SystemdUnitParser.effective(List.of(List.of("/a"), values))).isEqualTo(values.get(1));
        assertThat(SystemdUnitParser.effective(List.of(List.of("/a"), List.of("")))).isNull();
    }

    @Test
    void daemonJsonErrorsSayWhere() {
        assertThat(DaemonJsonParser.parse("{\"a\": 1,}").error()).contains("line 1");
        assertThat(DaemonJsonParser.parse("").error()).contains("empty");
        assertThat(DaemonJsonParser.parse("{\"live-restore\": true}").keys()).containsEntry("live-restore", true);
        // a nesting bomb is refused, not a stack overflow
        assertThat(DaemonJsonParser.parse("[".repeat(100_000)).error()).isNotNull();
    }

    @Test
    void mountinfoAndFstab() {
        String mi = """
                22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/vda1 rw
                95 22 8:17 / /srv/big\\040disk rw,relatime shared:50 - xfs /dev/sdb1 rw
                96 22 8:1 /tmp/dd-1/root /tmp/dd-1/root rw,relatime - ext4 /dev/vda1 rw
                """;
        assertThat(MountTable.mountinfo(mi)).containsExactly(new MountPoint("/", "/dev/vda1", "ext4"),
                new MountPoint("/srv/big disk", "/dev/sdb1", "xfs"), new MountPoint("/tmp/dd-1/root", "/dev/vda1", "ext4", true));
        assertThat(MountTable.fstab("LABEL=big /srv ext4 defaults 0 2\n")).containsExactly(new MountPoint("/srv", "LABEL=big", "ext4"));
    }
}
