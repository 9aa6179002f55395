package dev.dockerdoctor.slack;

import dev.dockerdoctor.slack.message.FleetViews;
import dev.dockerdoctor.slack.message.HostLine;
import dev.dockerdoctor.slack.message.Message;
import dev.dockerdoctor.slack.message.Subcommand;
import dev.dockerdoctor.slack.message.ViewContext;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code /docker-status} on a hub: bare, it lists the fleet; {@code /docker-status NAME [subcommand]} is that
 * host's report, asked of its agent, its buttons naming the host. On a one-host install (no hosts) nothing changes.
 * Which hosts there are is read on the bot's workers, never before the ack: the ack only sees whether the text
 * may name a host ({@link #mayNameAHost}) and what the rest asks.
 */
final class FleetStatus {
    /** What the text asked: the fleet, one other host (and the rest of the text), or this host (the text as is). */
    record Asked(boolean fleet, String host, String text, Message unknown) {
        static Asked local(String text) {
            return new Asked(false, null, text, null);
        }
    }

    private FleetStatus() {
    }

    /** Whether a hub's text is not for its own host alone: empty, or a first word that is no subcommand. */
    static boolean mayNameAHost(String text) {
        String t = text == null ? "" : text.strip();
        return t.isEmpty() || Subcommand.of(t.split("\\s+", 2)[0]).isEmpty();
    }

    /** The text after its first word (what is asked of the named host). */
    static String afterTheName(String text) {
        String t = text == null ? "" : text.strip();
        return t.isEmpty() ? "" : t.substring(t.split("\\s+", 2)[0].length()).strip();
    }

    static Asked ask(String text, List<HostLine> hosts) {
        if (hosts.isEmpty()) return Asked.local(text);
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) return new Asked(hosts.size() > 1, null, t, null);
        String first = t.split("\\s+", 2)[0];
        String rest = afterTheName(t);
        if (!mayNameAHost(t)) return Asked.local(t);
        String name = first.toLowerCase(Locale.ROOT);
        Optional<HostLine> h = hosts.stream().filter(x -> x.name().equals(name)).findFirst();
        if (h.isEmpty()) return new Asked(false, null, t, FleetViews.unknownHost(first, hosts));
        return h.get().self() ? Asked.local(rest) : new Asked(false, h.get().name(), rest, null);
    }

    /** One other host's view, from its agent's diagnosis. */
    static Message hostView(WatchDesk desk, String host, StatusRequest sr, String user, List<String> admins) {
        Optional<StoredReport> r = desk.diagnose(host, sr.since());
        if (r.isEmpty()) return FleetViews.hostAway(host);
        ViewContext vc = new ViewContext(host, r.get().id(), admins, null);
        return sr.view().view(r.get().diagnosis(), vc, sr.window(), user);
    }
}
