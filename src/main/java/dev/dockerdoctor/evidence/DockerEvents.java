package dev.dockerdoctor.evidence;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.core.RemoteApiVersion;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Follows the daemon's event stream only to poll sooner: the polled state stays the one source of signals, so a
 * missed or doubled event costs nothing but a poll. Polls are asked for when containers are created or destroyed,
 * when the daemon reloads, when the stream dies (the daemon is going away) and when it answers again after that
 * (it may be back on another root). The stream dies with the daemon and docker-java does not reconnect: this pings
 * with backoff until the daemon answers, subscribes again with {@code since} the moment it was lost, and asks for a
 * poll, which re-lists everything (the daemon keeps no events across a restart).
 */
public final class DockerEvents implements DockerProbe.Following {
    private static final Logger LOG = LoggerFactory.getLogger(DockerEvents.class);
    private static final Set<String> CONTAINER_ACTIONS = Set.of("create", "destroy");
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);

    private final DockerHttpClient http;
    private final DockerClient docker;
    private final Runnable pollSoon;
    private final BooleanSupplier ping;
    private final Duration maxBackoff;
    private final Thread thread;
    private final AtomicInteger subscriptions = new AtomicInteger();
    private volatile ResultCallback.Adapter<Event> current;
    private volatile boolean closed;

    private DockerEvents(URI host, Runnable pollSoon, BooleanSupplier ping, Duration maxBackoff) {
        // no response timeout: the stream is quiet for hours on a calm host
        this.http = new ZerodepDockerHttpClient.Builder().dockerHost(host).connectionTimeout(Duration.ofSeconds(2))
                .maxConnections(2).build();
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(host.toString()).withDockerTlsVerify(false)
                .withApiVersion(RemoteApiVersion.UNKNOWN_VERSION).build();
        this.docker = DockerClientImpl.getInstance(config, http);
        this.pollSoon = pollSoon;
        this.ping = ping;
        this.maxBackoff = maxBackoff;
        this.thread = new Thread(this::run, "doctor-docker-events");
        thread.setDaemon(true);
    }

    /**
     * Starts following the daemon at {@code dockerHost} on a thread of its own.
     *
     * @param pollSoon   asked to poll the daemon now (cheap to call often: the watch folds a burst into one poll)
     * @param ping       whether the daemon answers now, within a short timeout (e.g. the probe's {@code /_ping})
     * @param maxBackoff the longest wait between pings while the daemon is away (the watch interval is a good one)
     * @throws IllegalArgumentException for a DOCKER_HOST that is not a usable URI
     */
    public static DockerEvents follow(String dockerHost, Runnable pollSoon, BooleanSupplier ping, Duration maxBackoff) {
        DockerEvents e = new DockerEvents(DockerJavaProbe.parseHost(dockerHost == null ? "" : dockerHost.strip()),
                pollSoon, ping, maxBackoff);
        e.thread.start();
        return e;
    }

    /** How many times the stream was subscribed (1 + the resubscriptions after the daemon came back). */
    public int subscriptions() { return subscriptions.get(); }

    private void run() {
        Instant since = Instant.now();
        boolean lost = false;
        Duration backoff = FIRST_BACKOFF;
        while (!closed) {
            if (!ping.getAsBoolean()) {
                if (!sleep(backoff)) return;
                backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
                continue;
            }
            backoff = FIRST_BACKOFF;
            ResultCallback.Adapter<Event> callback = new ResultCallback.Adapter<>() {
                @Override
                public void onNext(Event e) {
                    if (interesting(e)) pollSoon.run();
                }

                // the template logs every end of stream as an ERROR with a stack trace; here it is expected news
                @Override
                public void onError(Throwable t) {
                    LOG.debug("Docker event stream ended: {}", t.toString());
                    try {
                        close();
                    } catch (IOException | RuntimeException e) {
                        // closing a broken stream
                    }
                }
            };
            current = callback;
            try {
                docker.eventsCmd().withSince(Long.toString(since.getEpochSecond()))
                        .withEventTypeFilter(EventType.CONTAINER, EventType.DAEMON).exec(callback);
                subscriptions.incrementAndGet();
                if (lost) {
                    LOG.info("Docker event stream resubscribed since {}", since);
                    pollSoon.run(); // the daemon is back, perhaps elsewhere: look at all of it again
                }
                callback.awaitCompletion();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // the stream failed: the daemon stopped, or never let us subscribe
                LOG.debug("Docker event stream ended: {}", e.toString());
            }
            if (closed) return;
            since = Instant.now();
            lost = true;
            LOG.info("Docker event stream lost; polling now and pinging until the daemon answers");
            pollSoon.run();
            if (!sleep(FIRST_BACKOFF)) return;
        }
    }

    static boolean interesting(Event e) {
        if (e.getType() == EventType.DAEMON) return true;
        String action = e.getAction() != null ? e.getAction() : e.getStatus();
        return e.getType() == EventType.CONTAINER && action != null && CONTAINER_ACTIONS.contains(action);
    }

    private boolean sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
            return !closed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        closed = true;
        ResultCallback.Adapter<Event> c = current;
        if (c != null) {
            try {
                c.close();
            } catch (IOException | RuntimeException e) {
                // the stream is going away anyway
            }
        }
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            http.close();
        } catch (IOException | RuntimeException e) {
            // closing a dead connection pool: nothing to report
        }
    }
}
