package dev.dockerdoctor.app;

import dev.dockerdoctor.fleet.FleetBook;
import dev.dockerdoctor.fleet.link.HubLink;
import dev.dockerdoctor.fleet.link.LinkKeys;
import org.slf4j.Logger;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * serve's side of a fleet: it accepts agents on DOCTOR_AGENT_PORT (default 3001) once this hub has a key, which
 * the first {@code enroll} makes, or when the port is set. A one-host install opens no port and needs no key.
 */
final class Hub {
    static final int DEFAULT_PORT = 3001;

    private Hub() {
    }

    /** @param incidents where each agent's incidents go; empty when this serve accepts no agents */
    static Optional<HubLink> startIfEnrolled(Settings settings, Map<String, String> env, Clock clock, Logger log,
                                             HubIncidents incidents) {
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
            return Optional.of(hub);
        } catch (Exception e) {
            // the host's own watch and the Slack bot carry on: a fleet link that cannot start is not an outage here
            log.warn("Cannot accept agents on port {}: {}", port, e.getMessage());
            return Optional.empty();
        }
    }

    static void close(Optional<HubLink> hub, Logger log) {
        if (hub.isEmpty()) return;
        try {
            hub.get().close();
        } catch (Exception e) {
            log.warn("Stopping the agents' link: {}", e.toString());
        }
    }
}
