package dev.dockerdoctor.diagnosis.rules;

import dev.dockerdoctor.diagnosis.facts.Facts;
import dev.dockerdoctor.model.Evidence;
import dev.dockerdoctor.model.Finding;
import dev.dockerdoctor.model.HostSnapshot;
import dev.dockerdoctor.model.Severity;
import dev.dockerdoctor.parse.DockerClients;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code docker-client-too-old}: the daemon refuses clients older than its minimum API (Docker 29: 1.44, so
 * everything before Engine 25) and a Docker client installed on the host is older: compose v1 (1.41 at most), the
 * CLI of an older package. They get "client version 1.41 is too old" on every call, scripts and cron jobs too. A
 * warning: the daemon and its containers are fine, the tools that manage them are not.
 */
public final class DockerClientTooOldRule implements Rule {
    public static final String ID = "docker-client-too-old";

    @Override
    public String id() { return ID; }

    @Override
    public List<Finding> check(HostSnapshot s, Facts facts) {
        String min = s.daemon().minApiVersion();
        if (!s.daemon().reachable() || min == null) return List.of();
        List<Evidence> ev = new ArrayList<>();
        List<String> who = new ArrayList<>();
        for (Map.Entry<String, String> p : s.config().packages().entrySet()) {
            Optional<String> api = DockerClients.newestApi(p.getKey(), p.getValue());
            if (api.isEmpty() || !DockerClients.older(api.get(), min)) continue;
            String name = p.getKey().equals("docker-compose") ? "docker-compose " + p.getValue() + " (Compose v1)"
                    : "the docker CLI of " + p.getKey() + " " + p.getValue();
            who.add(name);
            ev.add(new Evidence("dpkg", p.getKey() + " " + p.getValue() + ": speaks Engine API " + api.get() + " at most"));
        }
        if (who.isEmpty()) return List.of();
        ev.add(0, new Evidence("daemon", "Docker " + s.daemon().serverVersion() + " accepts Engine API " + min + " and newer (MinAPIVersion)"));
        String title = String.join(" and ", who) + (who.size() == 1 ? " is" : " are") + " too old for this Docker (API " + min + " and newer)";
        String detail = "Docker " + s.daemon().serverVersion() + " refuses clients older than Engine API " + min + ", so "
                + String.join(" and ", who) + " on this host get \"client version ... is too old. Minimum supported API"
                + " version is " + min + "\" on every call: scripts, cron jobs and runbooks that use them fail, while the"
                + " daemon and its containers are fine. Fix: use `docker compose` (Compose v2, the docker-compose-plugin"
                + " package) instead of `docker-compose`, and upgrade the CLI with the engine (docker-ce-cli or"
                + " docker-cli). Trade-off of the stopgap, DOCKER_MIN_API_VERSION=1.24 in dockerd's environment (a"
                + " systemd drop-in, then a restart of Docker): old clients work again, but Docker drops old API versions"
                + " release by release, so it only buys time.";
        return List.of(new Finding(ID, Severity.WARNING, title, detail, ev, List.of()));
    }
}
