package dev.dockerdoctor.diagnosis;

import dev.dockerdoctor.model.DaemonState;
import dev.dockerdoctor.model.DockerConfig;
import dev.dockerdoctor.model.EventKind;
import dev.dockerdoctor.model.HostSnapshot;
import dev.dockerdoctor.model.LogEvent;
import dev.dockerdoctor.model.LogStats;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

/** Snapshots of a healthy daemon whose only interesting evidence is its log events. */
final class LogSnapshots {
    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    private LogSnapshots() {
    }

    static HostSnapshot withEvents(Instant now, List<LogEvent> events) {
        DaemonState daemon = new DaemonState(true, "/var/lib/docker", "overlay2", "20.10.9", 0, 0, 0, false, null, List.of());
        return new HostSnapshot(now, ZONE, now.minus(Duration.ofHours(24)), daemon, DockerConfig.empty(), List.of(),
                events, LogStats.none(), List.of(), List.of(), null);
    }

    static OffsetDateTime t(String localTime) {
        return OffsetDateTime.parse("2021-10-07T" + localTime + "+02:00");
    }

    static LogEvent ev(String time, EventKind kind, String message) {
        return LogEvent.of(t(time), kind, "/var/log/syslog", message);
    }

    static LogEvent upgrade(String time, String pkg, String from, String to) {
        return new LogEvent(t(time), EventKind.PACKAGE_UPGRADE, "/var/log/dpkg.log",
                "2021-10-07 " + time + " upgrade " + pkg + ":amd64 " + from + " " + to, pkg, from, to);
    }
}
