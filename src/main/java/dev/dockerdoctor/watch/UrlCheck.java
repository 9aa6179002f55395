package dev.dockerdoctor.watch;

import java.net.URI;
import java.time.Duration;

/**
 * The result of asking one watched URL once. {@code status} is the HTTP status when there was an answer, else null;
 * {@code detail} says what happened in words ("gitlab answered 404", "gitlab: connection refused").
 */
public record UrlCheck(String name, URI uri, Result result, Integer status, String detail, Duration took) {

    /** How an answer (or its absence) is classed. Only {@code UP} counts as healthy. */
    public enum Result {
        UP, HTTP_404, HTTP_5XX, HTTP_STATUS, REFUSED, TIMEOUT, TLS, DNS, OTHER;

        public String wire() { return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'); }
    }

    public boolean up() { return result == Result.UP; }
}
