package dev.dockerdoctor.app;

import dev.dockerdoctor.fleet.FleetBook;
import dev.dockerdoctor.fleet.link.HubLink;
import dev.dockerdoctor.fleet.link.LinkKeys;
import dev.dockerdoctor.watch.IncidentNotifier;
import org.slf4j.Logger;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * serve's side of a fleet: it accepts agents on DOCTOR_AGENT_PORT (default 3001) once this hub has a key, which
 * the first {@code enroll} makes, or when the port is set. A one-host install opens no port and needs no key.
 */
final class Hub implements AutoCloseable {
    static final int DEFAULT_PORT = 3001;
    /** How often the hub looks for hosts that fell silent. */
    static final Duration SILENCE_CHECK = Duration.ofSeconds(2);

    private final HubLink link;
    private final SilentAgents silent;
    private final ScheduledExecutorService silence;

    private Hub(HubLink link, SilentAgents silent, ScheduledExecutorService silence) {
        this.link = link;
        this.silent = silent;
        this.silence = silence;
    }

    HubLink link() {
        return link;
    }

    /** The hosts that are silent now (an incident of their own). */
    java.util.Set<String> silent() {
        return silent.silent();
    }

    /**
     * @param incidents where each agent's incidents go
     * @param notifiers the notifier of each host's incidents, for the silent ones only the hub can raise
     * @return empty when this serve accepts no agents
     */
    static Optional<Hub> startIfEnrolled(Settings settings, Map<String, String> env, Clock clock, Logger log,
                                         HubIncidents incidents, Function<String, IncidentNotifier> notifiers,
                                         java.time.ZoneId zone) {
        Path state = settings.serveStateDir();
        String portText = env.get(Env.DOCTOR_AGENT_PORT);
        boolean asked = portText != null && !portText.isBlank();
        if (!asked && !LinkKeys.hubExists(state)) return Optional.empty();
        int port;
        try {
            port = asked ? Integer.parseInt(portText.strip()) : DEFAULT_PORT;
            if (port < 1 || port > 65535) throw new NumberFormatException();
        } catch (NumberFormatException e) {
            log.warn("{}={} is not a port (1-65535): agents are not accepted", Env.DOCTOR_AGENT_PORT, portText);
            return Optional.empty();
        }
        try {
            HubLink hub = HubLink.start(LinkKeys.hub(state), new FleetBook(state), null, port, clock,
                    incidents);
            log.info("Accepting agents on port {} (TLS; see docker-doctor hosts)", hub.port());
            // before an agent has said how often it reports (after a hub restart), this host's interval is the guess
            Duration guess = settings.watchInterval();
            SilentAgents silent = new SilentAgents(state, hub::fleet, h -> Optional.ofNullable(hub.interval(h)).orElse(guess),
                    notifiers, clock, zone, guess.multipliedBy(dev.dockerdoctor.fleet.Silence.MISSED).plusSeconds(10));
            ScheduledExecutorService every = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "doctor-hub-silence");
                t.setDaemon(true);
                return t;
            });
            every.scheduleWithFixedDelay(() -> {
                try {
                    silent.check();
                } catch (RuntimeException e) {
                    log.warn("Looking for silent hosts failed", e);
                }
            }, SILENCE_CHECK.toMillis(), SILENCE_CHECK.toMillis(), TimeUnit.MILLISECONDS);
            return Optional.of(new Hub(hub, silent, every));
        } catch (Exception e) {
            // the host's own watch and the Slack bot carry on: a fleet link that cannot start is not an outage here
            log.warn("Cannot accept agents on port {}: {}", port, e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void close() throws Exception {
        silence.shutdownNow();
        link.close();
    }

    static void close(Optional<Hub> hub, Logger log) {
        if (hub.isEmpty()) return;
        try {
            hub.get().close();
        } catch (Exception e) {
            log.warn("Stopping the agents' link: {}", e.toString());
        }
    }
}
