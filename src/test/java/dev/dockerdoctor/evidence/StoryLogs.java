package dev.dockerdoctor.evidence;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The story's logs, as an Ubuntu host in Berlin would have written them on 7 October 2021: at 06:20 the daily
 * unattended upgrade upgraded containerd.io 1.4.9-1 → 1.4.11-1 (and docker-ce with its CLI); the package scripts
 * stopped Docker and containerd, systemd reloaded, both started again. Around it, ordinary noise, and the day
 * before a quiet upgrade run and a Docker restart by hand that lie outside a 24 h window from {@link #NOW}.
 */
public final class StoryLogs {
    public static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    /** When the admin ran diagnose: 09:00 local, the morning of the outage. */
    public static final Instant NOW = ZonedDateTime.of(2021, 10, 7, 9, 0, 0, 0, ZONE).toInstant();

    public static final String SYSLOG_OLD = """
            Oct  6 08:10:01 gitlab-host CRON[40112]: (root) CMD (command -v debian-sa1 > /dev/null && debian-sa1 1 1)
            Oct  6 08:41:12 gitlab-host systemd[1]: Stopping Docker Application Container Engine...
            Oct  6 08:41:13 gitlab-host dockerd[977]: time="2021-10-06T08:41:13.002114571+02:00" level=info msg="Processing signal 'terminated'"
            Oct  6 08:41:15 gitlab-host systemd[1]: Stopped Docker Application Container Engine.
            Oct  6 08:41:15 gitlab-host systemd[1]: Starting Docker Application Container Engine...
            Oct  6 08:41:15 gitlab-host dockerd[1021]: time="2021-10-06T08:41:15.480019533+02:00" level=info msg="Starting up"
            Oct  6 08:41:17 gitlab-host systemd[1]: Started Docker Application Container Engine.
            """;

    public static final String SYSLOG = SYSLOG_OLD + """
            Oct  6 12:17:01 gitlab-host CRON[40555]: (root) CMD (   cd / && run-parts --report /etc/cron.hourly)
            Oct  6 23:59:01 gitlab-host CRON[41002]: (root) CMD (command -v debian-sa1 > /dev/null && debian-sa1 60 2)
            Oct  7 00:00:03 gitlab-host systemd[1]: Starting Rotate log files...
            Oct  7 00:00:04 gitlab-host systemd[1]: logrotate.service: Succeeded.
            Oct  7 06:17:01 gitlab-host CRON[41734]: (root) CMD (   cd / && run-parts --report /etc/cron.hourly)
            Oct  7 06:20:17 gitlab-host systemd[1]: Starting Daily apt upgrade and clean activities...
            Oct  7 06:20:20 gitlab-host systemd[1]: Stopping Docker Application Container Engine...
            Oct  7 06:20:20 gitlab-host dockerd[1021]: time="2021-10-07T06:20:20.104117642+02:00" level=info msg="Processing signal 'terminated'"
            Oct  7 06:20:20 gitlab-host systemd[1]: Stopping containerd container runtime...
            Oct  7 06:20:20 gitlab-host dockerd[1021]: time="2021-10-07T06:20:20.311872236+02:00" level=error msg="Failed to get event" error="rpc error: code = Unavailable desc = transport is closing" module=libcontainerd namespace=moby
            Oct  7 06:20:21 gitlab-host dockerd[1021]: time="2021-10-07T06:20:21.402751197+02:00" level=info msg="Daemon shutdown complete"
            Oct  7 06:20:21 gitlab-host systemd[1]: docker.service: Succeeded.
            Oct  7 06:20:21 gitlab-host systemd[1]: Stopped Docker Application Container Engine.
            Oct  7 06:20:21 gitlab-host systemd[1]: Stopped containerd container runtime.
            Oct  7 06:20:22 gitlab-host systemd[1]: Reloading.
            Oct  7 06:20:23 gitlab-host systemd[1]: Starting containerd container runtime...
            Oct  7 06:20:23 gitlab-host systemd[1]: Started containerd container runtime.
            Oct  7 06:20:24 gitlab-host systemd[1]: Starting Docker Application Container Engine...
            Oct  7 06:20:24 gitlab-host dockerd[52140]: time="2021-10-07T06:20:24.612298101+02:00" level=info msg="Starting up"
            Oct  7 06:20:25 gitlab-host dockerd[52140]: time="2021-10-07T06:20:25.877431032+02:00" level=info msg="Docker daemon" commit=79ea9d3 graphdriver(s)=overlay2 version=20.10.9
            Oct  7 06:20:25 gitlab-host dockerd[52140]: time="2021-10-07T06:20:25.880112906+02:00" level=info msg="Daemon has completed initialization"
            Oct  7 06:20:25 gitlab-host systemd[1]: Started Docker Application Container Engine.
            Oct  7 06:20:31 gitlab-host systemd[1]: apt-daily-upgrade.service: Succeeded.
            Oct  7 06:20:31 gitlab-host systemd[1]: Finished Daily apt upgrade and clean activities.
            Oct  7 07:17:01 gitlab-host CRON[42011]: (root) CMD (   cd / && run-parts --report /etc/cron.hourly)
            Oct  7 08:52:40 gitlab-host sshd[42230]: Accepted publickey for admin from 192.0.2.10 port 51514 ssh2: ED25519 SHA256:q1w2e3
            """;

    public static final String DPKG = """
            2021-10-06 06:14:09 startup archives unpack
            2021-10-06 06:14:09 upgrade libssl1.1:amd64 1.1.1f-1ubuntu2.7 1.1.1f-1ubuntu2.8
            2021-10-07 06:20:18 startup archives unpack
            2021-10-07 06:20:19 upgrade containerd.io:amd64 1.4.9-1 1.4.11-1
            2021-10-07 06:20:19 status half-configured containerd.io:amd64 1.4.9-1
            2021-10-07 06:20:19 status unpacked containerd.io:amd64 1.4.9-1
            2021-10-07 06:20:20 status half-installed containerd.io:amd64 1.4.9-1
            2021-10-07 06:20:21 status unpacked containerd.io:amd64 1.4.11-1
            2021-10-07 06:20:21 upgrade docker-ce-cli:amd64 5:20.10.8~3-0~ubuntu-focal 5:20.10.9~3-0~ubuntu-focal
            2021-10-07 06:20:21 status unpacked docker-ce-cli:amd64 5:20.10.9~3-0~ubuntu-focal
            2021-10-07 06:20:22 upgrade docker-ce:amd64 5:20.10.8~3-0~ubuntu-focal 5:20.10.9~3-0~ubuntu-focal
            2021-10-07 06:20:22 status unpacked docker-ce:amd64 5:20.10.9~3-0~ubuntu-focal
            2021-10-07 06:20:22 startup packages configure
            2021-10-07 06:20:22 configure containerd.io:amd64 1.4.11-1 <none>
            2021-10-07 06:20:23 status installed containerd.io:amd64 1.4.11-1
            2021-10-07 06:20:23 configure docker-ce-cli:amd64 5:20.10.9~3-0~ubuntu-focal <none>
            2021-10-07 06:20:24 configure docker-ce:amd64 5:20.10.9~3-0~ubuntu-focal <none>
            2021-10-07 06:20:26 status installed docker-ce:amd64 5:20.10.9~3-0~ubuntu-focal
            """;

    public static final String HISTORY = """
            Start-Date: 2021-10-06  06:14:08
            Commandline: /usr/bin/unattended-upgrade
            Upgrade: libssl1.1:amd64 (1.1.1f-1ubuntu2.7, 1.1.1f-1ubuntu2.8)
            End-Date: 2021-10-06  06:14:12

            Start-Date: 2021-10-07  06:20:18
            Commandline: /usr/bin/unattended-upgrade
            Upgrade: containerd.io:amd64 (1.4.9-1, 1.4.11-1), docker-ce-cli:amd64 (5:20.10.8~3-0~ubuntu-focal, 5:20.10.9~3-0~ubuntu-focal), docker-ce:amd64 (5:20.10.8~3-0~ubuntu-focal, 5:20.10.9~3-0~ubuntu-focal)
            End-Date: 2021-10-07  06:20:27
            """;

    public static final String UNATTENDED = """
            2021-10-06 06:14:02,118 INFO Starting unattended upgrades script
            2021-10-06 06:14:02,119 INFO Allowed origins are: o=Ubuntu,a=focal, o=Ubuntu,a=focal-security, o=Docker,a=focal
            2021-10-06 06:14:07,901 INFO Packages that will be upgraded: libssl1.1
            2021-10-06 06:14:13,220 INFO All upgrades installed
            2021-10-07 06:20:17,912 INFO Starting unattended upgrades script
            2021-10-07 06:20:17,913 INFO Allowed origins are: o=Ubuntu,a=focal, o=Ubuntu,a=focal-security, o=Docker,a=focal
            2021-10-07 06:20:18,204 INFO Packages that will be upgraded: containerd.io docker-ce docker-ce-cli
            2021-10-07 06:20:18,205 INFO Writing dpkg log to /var/log/unattended-upgrades/unattended-upgrades-dpkg.log
            2021-10-07 06:20:30,771 INFO All upgrades installed
            """;

    private StoryLogs() {
    }

    /** Writes the story's logs under a host root; each file's mtime is its last line's time. */
    public static void write(Path hostRoot) throws IOException {
        write(hostRoot, "var/log/syslog", SYSLOG, at(2021, 10, 7, 8, 52, 40));
        write(hostRoot, "var/log/dpkg.log", DPKG, at(2021, 10, 7, 6, 20, 26));
        write(hostRoot, "var/log/apt/history.log", HISTORY, at(2021, 10, 7, 6, 20, 27));
        write(hostRoot, "var/log/unattended-upgrades/unattended-upgrades.log", UNATTENDED, at(2021, 10, 7, 6, 20, 30));
    }

    public static Path write(Path hostRoot, String rel, String text, Instant mtime) throws IOException {
        Path p = hostRoot.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(p, FileTime.from(mtime));
        return p;
    }

    public static Instant at(int y, int mo, int d, int h, int mi, int s) {
        return ZonedDateTime.of(y, mo, d, h, mi, s, 0, ZONE).toInstant();
    }
}
