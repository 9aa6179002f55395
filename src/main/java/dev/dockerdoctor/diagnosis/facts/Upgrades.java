package dev.dockerdoctor.diagnosis.facts;

import dev.dockerdoctor.model.EventKind;
import dev.dockerdoctor.model.LogEvent;
import dev.dockerdoctor.parse.logs.DockerPackages;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Which upgrades can restart Docker, and which one explains a given stop or start. */
public final class Upgrades {
    /** "After an upgrade" means within this long of it. */
    public static final Duration WINDOW = Duration.ofMinutes(30);

    private Upgrades() {
    }

    /** The packages whose maintainer scripts stop or restart dockerd or containerd (one definition, the parser's). */
    public static boolean isDockerFamily(String pkg) {
        return pkg != null && DockerPackages.isDockerFamily(pkg);
    }

    /** An upgrade event (of the docker family, or an unattended upgrade run) at most {@link #WINDOW} before {@code e}. */
    public static Optional<LogEvent> causeOf(LogEvent e, List<LogEvent> events) {
        return events.stream()
                .filter(u -> (u.kind() == EventKind.PACKAGE_UPGRADE && isDockerFamily(u.pkg()))
                        || u.kind().startsUnattendedRun())
                .filter(u -> !u.time().isAfter(e.time()) && Duration.between(u.time(), e.time()).compareTo(WINDOW) <= 0)
                // a package upgrade names the cause better than the timer that ran it
                .max((a, b) -> Boolean.compare(a.kind() == EventKind.PACKAGE_UPGRADE, b.kind() == EventKind.PACKAGE_UPGRADE) != 0
                        ? Boolean.compare(a.kind() == EventKind.PACKAGE_UPGRADE, b.kind() == EventKind.PACKAGE_UPGRADE)
                        : a.time().compareTo(b.time()));
    }
}
