package dev.dockerdoctor.watch;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Asks a URL once with {@code GET} and classes the answer. Redirects are not followed: a 3xx is an answer, and
 * GitLab's sign-in redirect means GitLab is up. Every request has a connect and a total timeout, so a server that
 * accepts and never answers costs at most {@code timeout}; nothing escapes as an exception.
 */
public final class UrlProbe {
    private final HttpClient http;
    private final Duration timeout;

    public UrlProbe(Duration timeout, Executor executor) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
    }

    public Duration timeout() { return timeout; }

    /** Starts the check; the future always completes normally, within about {@code timeout}. */
    public CompletableFuture<UrlCheck> check(String name, URI uri) {
        long t0 = System.nanoTime();
        HttpRequest req;
        try {
            req = HttpRequest.newBuilder(uri).timeout(timeout).header("User-Agent", "docker-doctor-watch")
                    .GET().build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(
                    new UrlCheck(name, uri, UrlCheck.Result.OTHER, null, name + ": cannot ask " + uri + " (" + e.getMessage() + ")", Duration.ZERO));
        }
        return http.sendAsync(req, HttpResponse.BodyHandlers.discarding())
                .handle((res, err) -> {
                    Duration took = Duration.ofNanos(System.nanoTime() - t0);
                    return err == null ? answered(name, uri, res.statusCode(), took) : failed(name, uri, err, timeout, took);
                });
    }

    static UrlCheck answered(String name, URI uri, int status, Duration took) {
        UrlCheck.Result r;
        if (status >= 200 && status < 400) r = UrlCheck.Result.UP;
        else if (status == 404) r = UrlCheck.Result.HTTP_404;
        else if (status >= 500 && status < 600) r = UrlCheck.Result.HTTP_5XX;
        else r = UrlCheck.Result.HTTP_STATUS;
        return new UrlCheck(name, uri, r, status, name + " answered " + status, took);
    }

    /**
     * Names a failure in words: the classes a person acts on differently (refused, timed out, TLS, DNS). The JDK
     * client wraps the cause in bare ConnectExceptions (a refused connect is ConnectException, ConnectException,
     * ClosedChannelException, none with a message), so the whole chain is read for a telling type first.
     */
    static UrlCheck failed(String name, URI uri, Throwable err, Duration timeout, Duration took) {
        Throwable t = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
        String secs = seconds(timeout);
        ConnectException connect = null;
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof HttpConnectTimeoutException) {
                return new UrlCheck(name, uri, UrlCheck.Result.TIMEOUT, null, name + ": connecting timed out after " + secs, took);
            }
            if (c instanceof HttpTimeoutException) {
                return new UrlCheck(name, uri, UrlCheck.Result.TIMEOUT, null, name + " timed out after " + secs, took);
            }
            if (c instanceof SSLException) {
                return new UrlCheck(name, uri, UrlCheck.Result.TLS, null, name + ": TLS failed (" + message(c) + ")", took);
            }
            if (c instanceof UnknownHostException || c instanceof UnresolvedAddressException) {
                return new UrlCheck(name, uri, UrlCheck.Result.DNS, null, name + ": host " + uri.getHost() + " not found (DNS)", took);
            }
            String msg = c.getMessage() == null ? "" : c.getMessage().toLowerCase(Locale.ROOT);
            if (msg.contains("connection refused")) {
                return new UrlCheck(name, uri, UrlCheck.Result.REFUSED, null, name + ": connection refused", took);
            }
            if (c instanceof ConnectException ce && connect == null) connect = ce;
        }
        if (connect != null) {
            String why = connect.getMessage();
            if (why == null || why.isBlank()) {
                return new UrlCheck(name, uri, UrlCheck.Result.REFUSED, null, name + ": connection refused", took);
            }
            return new UrlCheck(name, uri, UrlCheck.Result.OTHER, null, name + ": cannot connect (" + why.strip() + ")", took);
        }
        String why = t instanceof IOException && t.getMessage() != null && t.getMessage().contains("no bytes")
                ? "closed the connection without answering" : "could not be asked (" + message(t) + ")";
        return new UrlCheck(name, uri, UrlCheck.Result.OTHER, null, name + ": " + why, took);
    }

    private static String message(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m.strip();
    }

    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
