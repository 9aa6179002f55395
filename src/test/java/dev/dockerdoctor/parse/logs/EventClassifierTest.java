package dev.dockerdoctor.parse.logs;

import dev.dockerdoctor.model.EventKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class EventClassifierTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "systemd|Starting Daily apt upgrade and clean activities...|APT_DAILY_UPGRADE_START",
            "systemd|Starting apt-daily-upgrade.service - Daily apt upgrade and clean activities...|APT_DAILY_UPGRADE_START",
            "systemd|Finished apt-daily-upgrade.service - Daily apt upgrade and clean activities.|APT_DAILY_UPGRADE_END",
            "systemd|Started Daily apt upgrade and clean activities.|APT_DAILY_UPGRADE_END",
            "systemd|Starting Daily apt activities...|APT_DAILY_UPGRADE_START",
            "systemd|Starting Daily apt download activities...|-",
            "systemd|Stopping containerd container runtime...|CONTAINERD_STOP",
            "systemd|Stopped containerd container runtime.|CONTAINERD_STOP",
            "systemd|containerd.service: Deactivated successfully.|CONTAINERD_STOP",
            "systemd|Starting containerd.service - containerd container runtime...|CONTAINERD_START",
            "systemd|Started containerd container runtime.|CONTAINERD_START",
            "systemd|Stopping Docker Application Container Engine...|DOCKER_STOP",
            "systemd|Stopped docker.service - Docker Application Container Engine.|DOCKER_STOP",
            "systemd|docker.service: Succeeded.|DOCKER_STOP",
            "systemd|docker.socket: Succeeded.|-",
            "systemd|Starting Docker Application Container Engine...|DOCKER_START",
            "systemd|Started Docker Application Container Engine.|DOCKER_START",
            "systemd|Failed to start Docker Application Container Engine.|-",
            "systemd|Reloading.|SYSTEMD_RELOAD",
            "systemd|Reloading requested from client PID 4242 ('systemctl') (unit apt-daily-upgrade.service)...|SYSTEMD_RELOAD",
            "systemd|Reloading LSB: AppArmor initialization.|-",
            "dockerd|time=\"2021-10-07T06:20:24+02:00\" level=info msg=\"Starting up\"|DOCKERD_STARTING",
            "dockerd|time=\"x\" level=info msg=\"Processing signal 'terminated'\"|DOCKERD_TERMINATED",
            "dockerd|time=\"x\" level=info msg=\"Docker daemon\" commit=79ea9d3 graphdriver(s)=overlay2 version=20.10.9|DOCKERD_READY",
            "dockerd|time=\"x\" level=info msg=\"Docker daemon\" commit=4c52b90 containerd-snapshotter=false storage-driver=overlay2 version=25.0.3|DOCKERD_READY",
            "dockerd|time=\"x\" level=error msg=\"Failed to get event\" error=\"rpc error: code = Unavailable desc = transport is closing\"|CONTAINERD_LOST",
            "dockerd|time=\"x\" level=info msg=\"Daemon shutdown complete\"|-",
            "dockerd|time=\"x\" level=warning msg=\"grpc: addrConn.createTransport failed\" error=\"transport is closing\"|CONTAINERD_LOST",
            "dockerd|time=\"x\" level=info msg=\"pickfirst: transport is closing\" module=grpc|-",
            "dockerd|Error: transport is closing|CONTAINERD_LOST",
            "systemd|Started Session 4 of user admin.|-",
            "systemd|run-docker-runtime\\x2drunc-moby-1a2b.mount: Succeeded.|-",
            "docker|time=\"x\" level=info msg=\"Starting up\"|DOCKERD_STARTING",
            "containerd|time=\"x\" level=info msg=\"containerd successfully booted in 0.041s\"|CONTAINERD_START",
            "systemd|Stopping Service for snap application docker.dockerd...|DOCKER_STOP",
            "systemd|Started snap.docker.dockerd.service - Service for snap application docker.dockerd.|DOCKER_START",
            "systemd|snap.docker.dockerd.service: Deactivated successfully.|DOCKER_STOP",
            "systemd|Mounted Mount unit for docker, revision 2915.|PACKAGE_UPGRADE",
            "systemd|Mounted snap-docker-2915.mount - Mount unit for docker, revision 2915.|PACKAGE_UPGRADE",
            "systemd|Mounting Mount unit for docker, revision 2915...|-",
            "systemd|Mounted Mount unit for core22, revision 1621.|-",
            "systemd|Starting dnf-automatic-install.service - dnf automatic install updates...|DNF_AUTOMATIC_START",
            "systemd|Finished dnf-automatic-install.service - dnf automatic install updates.|DNF_AUTOMATIC_END",
            "systemd|Starting dnf automatic install updates...|DNF_AUTOMATIC_START",
            "systemd|Started dnf automatic install updates.|DNF_AUTOMATIC_END",
            "systemd|Starting dnf automatic...|DNF_AUTOMATIC_START",
            "systemd|Starting dnf-automatic-download.service - dnf automatic download updates...|-",
            "dockerd|unable to configure the Docker daemon with file /etc/docker/daemon.json: the following directives don't match any configuration option: data_root|DOCKERD_CONFIG_REFUSED",
            "dockerd|time=\"x\" level=fatal msg=\"unable to configure the Docker daemon with file /etc/docker/daemon.json: EOF\"|DOCKERD_CONFIG_REFUSED",
            "bash|Stopping Docker Application Container Engine...|-",
            "kernel|Reloading.|-",
            "systemd-resolved|Reloading.|-"})
    void markers(String program, String message, EventKind expected) {
        assertThat(EventClassifier.classify(program, message)).isEqualTo(expected);
        if (expected != null) {
            // the byte pre-filter never hides an event
            byte[] line = ("Oct  7 06:20:17 h " + program + "[1]: " + message).getBytes(StandardCharsets.UTF_8);
            assertThat(EventClassifier.mayBeEvent(line, 0, line.length)).isTrue();
            assertThat(EventClassifier.mayBeEvent(line, 0, line.length, 15)).isTrue();
        }
    }

    @org.junit.jupiter.api.Test
    void theTagTestSkipsOtherProgramsWithoutReadingTheirMessage() {
        for (String line : new String[]{
                "Oct  7 06:20:17 h kernel: [1.0] docker0: port 3(veth1) entered forwarding state",
                "Oct  7 06:20:17 h systemd-resolved[512]: Stopping Docker Application Container Engine...",
                "Oct  7 06:20:17 h CRON[1]: (root) CMD (apt-get update)",
                "Oct  7 06:20:17 h systemd[1]: Started Session 4 of user admin."}) {
            byte[] b = line.getBytes(StandardCharsets.UTF_8);
            assertThat(EventClassifier.mayBeEvent(b, 0, b.length, 15)).as(line).isFalse();
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "dockerd[1021]: time=\"2021-10-07T06:27:14.654751359+08:00\" level=info msg=\"Starting up\"|true",
            "dockerd[1021]: time=\"2021-10-07T06:27:14Z\" level=info msg=\"Processing signal 'terminated'\"|true",
            "dockerd[1021]: time=\"2021-10-07T06:27:14.6+08:00\" level=info msg=\"Docker daemon\" commit=79ea9d3 graphdriver(s)=overlay2|true",
            "dockerd[1021]: time=\"2021-10-07T06:27:14.654751359+08:00\" level=error msg=\"Failed to get event\" error=\"rpc error: transport is closing\"|true",
            "dockerd[1021]: time=\"2021-10-07T06:27:14.654751359+08:00\" level=warning msg=\"grpc: addrConn.createTransport failed\" error=\"transport is closing\"|true",
            "dockerd[1021]: time=\"2021-10-07T06:27:14.654751359+08:00\" level=info msg=\"pickfirst: transport is closing\" module=grpc|false",
            "dockerd[1021]: time=\"2026-11-28T03:39:08.000123456Z\" level=info msg=\"ignoring event\" container=d996d2831a59|false",
            "containerd[900]: time=\"2021-10-07T06:27:13.1+08:00\" level=info msg=\"containerd successfully booted in 0.041s\"|true",
            "containerd[900]: time=\"2026-11-28T03:39:08.000123456Z\" level=info msg=\"shim disconnected\" id=d996d2|false"})
    void logrusLinesAreReadByTheirShape(String tagAndMessage, boolean mayBe) {
        byte[] b = ("Oct  7 06:20:17 gitlab-host " + tagAndMessage).getBytes(StandardCharsets.UTF_8);
        assertThat(EventClassifier.mayBeEvent(b, 0, b.length, 15)).as(tagAndMessage).isEqualTo(mayBe);
        // and it agrees with the whole classification where that finds an event
        String tag = tagAndMessage.substring(0, tagAndMessage.indexOf('['));
        String message = tagAndMessage.substring(tagAndMessage.indexOf("]: ") + 3);
        if (EventClassifier.classify(tag, message) != null) assertThat(mayBe).as(tagAndMessage).isTrue();
    }
}
