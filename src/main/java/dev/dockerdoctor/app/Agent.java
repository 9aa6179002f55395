package dev.dockerdoctor.app;

import dev.dockerdoctor.diagnosis.Doctor;
import dev.dockerdoctor.diagnosis.LastKnownGoods;
import dev.dockerdoctor.diagnosis.plan.PlanContext;
import dev.dockerdoctor.evidence.ComposeCommand;
import dev.dockerdoctor.evidence.DockerProbe;
import dev.dockerdoctor.evidence.HostFiles;
import dev.dockerdoctor.evidence.HostInspector;
import dev.dockerdoctor.model.Diagnosis;
import dev.dockerdoctor.model.HostSnapshot;
import dev.dockerdoctor.model.LastKnownGood;
import dev.dockerdoctor.store.LastKnownGoodStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The agent behind {@code diagnose}, {@code /docker-status} and the incident watcher: gather evidence, reason, plan,
 * and remember a healthy state as the last known good (when a state folder is in use).
 */
public final class Agent implements AutoCloseable {

    private final HostInspector inspector;
    private final PlanContext planContext;
    private volatile Doctor doctor;
    private final LastKnownGoodStore lastKnownGood;
    private final Supplier<DockerProbe> docker;
    private final ZoneId zone;

    /**
     * @param env      the process environment (compose files are interpolated with it, as docker compose would)
     * @param stateDir where the last known good state is kept, or null for none
     */
    public Agent(Settings settings, Map<String, String> env, Supplier<DockerProbe> docker, Clock clock, Path stateDir) {
        this.docker = docker;
        HostFiles files = new HostFiles(settings.hostRoot());
        ComposeCommand compose = ComposeCommand.detect(files, env);
        // classic syslog lines carry no zone: read them in the host's zone, not the bot's (a container runs in UTC)
        this.zone = hostZone(files).orElse(clock.getZone());
        Clock hostClock = clock.withZone(zone);
        this.inspector = new HostInspector(files, docker, settings.dockerHost(), settings.dataRootSearch(),
                settings.composePaths(), compose, env, hostClock);
        this.planContext = new PlanContext(settings.dockerRestart(), settings.dockerStart(), compose.argv(),
                PlanContext.dockerCliFor(settings.dockerHost()));
        this.lastKnownGood = stateDir == null ? null : new LastKnownGoodStore(stateDir);
    }

    public Diagnosis diagnose(Instant since) {
        LastKnownGood good = null;
        if (lastKnownGood != null) {
            LastKnownGoodStore.Loaded loaded = lastKnownGood.load();
            if (loaded.problem() != null) log().warn("{}", loaded.problem());
            good = loaded.value().orElse(null);
        }
        HostSnapshot snapshot = inspector.inspect(since, good);
        Diagnosis d = doctor().diagnose(snapshot);
        remember(d);
        return d;
    }

    /** The host's zone (the bot's own when the host does not say): every time a person reads is in it. */
    public ZoneId zone() {
        return zone;
    }

    /** The host's time zone, from /etc/timezone or the /etc/localtime link, under the host root. */
    static Optional<ZoneId> hostZone(HostFiles files) {
        HostFiles.TextFile tz = files.readText("/etc/timezone", 256);
        try {
            if (tz.ok() && !tz.text().isBlank()) return Optional.of(ZoneId.of(tz.text().strip()));
        } catch (DateTimeException e) {
            // not a zone id: try the link
        }
        try {
            String link = java.nio.file.Files.readSymbolicLink(files.resolve("/etc/localtime")).toString();
            int i = link.indexOf("zoneinfo/");
            if (i >= 0) return Optional.of(ZoneId.of(link.substring(i + "zoneinfo/".length())));
        } catch (java.io.IOException | UnsupportedOperationException | DateTimeException e) {
            // no link, or not a zone: the bot's own zone is the best guess
        }
        return Optional.empty();
    }

    /** Only the daemon, quickly: for waiting until Docker answers again after a step. */
    public dev.dockerdoctor.model.DaemonState daemon() {
        return docker.get().inspect();
    }

    private void remember(Diagnosis d) {
        if (lastKnownGood == null) return;
        Optional<LastKnownGood> good = LastKnownGoods.capture(d);
        if (good.isEmpty()) return;
        try {
            lastKnownGood.save(good.get());
        } catch (IOException e) {
            log().warn("cannot write the last known good state: {}", e.toString());
        }
    }

    /** Built at the first diagnosis, after its evidence: loading every rule must not delay the log scan. */
    private Doctor doctor() {
        Doctor d = doctor;
        if (d == null) doctor = d = Doctor.standard(planContext); // built twice at worst: it holds no state
        return d;
    }

    /**
     * Asked for when needed, not held in a static field: the CLI builds its commands (and so this class) before
     * the log scan, and starting SLF4J costs a cold JVM some 80 ms that the scan would wait for.
     */
    private static Logger log() {
        return LoggerFactory.getLogger(Agent.class);
    }

    @Override
    public void close() {
        inspector.close();
    }
}
