package dev.dockerdoctor.watch;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Polls every watched URL (DOCTOR_WATCH) at once with a {@link UrlProbe} and feeds the answers to {@link UrlStates}.
 * One poll takes at most the probe's timeout, however many URLs there are.
 */
public final class UrlWatcher {
    private final Map<String, URI> urls;
    private final UrlProbe probe;
    private final UrlStates states;
    private volatile List<UrlCheck> last = List.of();

    public UrlWatcher(Map<String, URI> urls, UrlProbe probe, Clock clock, int downAfter, int upAfter) {
        this.urls = new LinkedHashMap<>(urls);
        this.probe = probe;
        this.states = new UrlStates(urls.keySet(), clock, downAfter, upAfter);
    }

    public boolean isEmpty() { return urls.isEmpty(); }

    public Reading poll() {
        if (urls.isEmpty()) return Reading.NOTHING;
        Map<String, CompletableFuture<UrlCheck>> pending = new LinkedHashMap<>();
        urls.forEach((name, uri) -> pending.put(name, probe.check(name, uri)));
        List<UrlCheck> checks = new ArrayList<>();
        for (Map.Entry<String, CompletableFuture<UrlCheck>> e : pending.entrySet()) {
            UrlCheck c = await(e.getKey(), urls.get(e.getKey()), e.getValue());
            if (c == null) return Reading.NOTHING; // stopping: a check cut short is no evidence
            checks.add(c);
        }
        last = List.copyOf(checks);
        return states.apply(checks);
    }

    /** The checks of the last poll, for logs and tests. */
    public List<UrlCheck> lastChecks() { return last; }

    public WatchState.Status status(String name) { return states.status(name); }

    // the client enforces the timeout itself; this bound only guards against a client that does not
    private UrlCheck await(String name, URI uri, CompletableFuture<UrlCheck> f) {
        Duration limit = probe.timeout().plusSeconds(2);
        try {
            return f.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            return new UrlCheck(name, uri, UrlCheck.Result.TIMEOUT, null, name + " timed out after " + UrlProbe.seconds(probe.timeout()), limit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(true);
            return null;
        } catch (ExecutionException e) {
            return UrlProbe.failed(name, uri, e.getCause(), probe.timeout(), Duration.ZERO);
        }
    }
}
