package dev.dockerdoctor.watch;

import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

/** How failures are named, from the exception chains the JDK 17 client really throws (recorded in UrlWatcherIT). */
class UrlProbeTest {
    private static final URI GITLAB = URI.create("http://gitlab.example:8080/");
    private static final Duration FIVE = Duration.ofSeconds(5);

    private static UrlCheck failed(Throwable t) {
        return UrlProbe.failed("gitlab", GITLAB, new CompletionException(t), FIVE, Duration.ZERO);
    }

    private static <T extends Throwable> T causedBy(T t, Throwable cause) {
        t.initCause(cause);
        return t;
    }

    @Test
    void aRefusedConnectIsBareConnectExceptionsAroundAClosedChannel() {
        UrlCheck c = failed(causedBy(new ConnectException(), causedBy(new ConnectException(), new ClosedChannelException())));
        assertThat(c.result()).isEqualTo(UrlCheck.Result.REFUSED);
        assertThat(c.detail()).isEqualTo("gitlab: connection refused");
    }

    @Test
    void anUnresolvedNameHidesBehindTheSameConnectExceptions() {
        UrlCheck c = failed(causedBy(new ConnectException(), causedBy(new ConnectException(), new UnresolvedAddressException())));
        assertThat(c.result()).isEqualTo(UrlCheck.Result.DNS);
        assertThat(c.detail()).isEqualTo("gitlab: host gitlab.example not found (DNS)");
    }

    @Test
    void timeoutsSayWhichTimeoutAndHowLong() {
        assertThat(failed(new HttpTimeoutException("request timed out")).detail()).isEqualTo("gitlab timed out after 5 s");
        assertThat(failed(new HttpConnectTimeoutException("HTTP connect timed out")).detail())
                .isEqualTo("gitlab: connecting timed out after 5 s");
        assertThat(UrlProbe.failed("gitlab", GITLAB, new HttpTimeoutException("x"), Duration.ofMillis(200), Duration.ZERO).detail())
                .isEqualTo("gitlab timed out after 200 ms");
    }

    @Test
    void tlsFailuresKeepTheirReason() {
        UrlCheck c = failed(new SSLHandshakeException("PKIX path building failed"));
        assertThat(c.result()).isEqualTo(UrlCheck.Result.TLS);
        assertThat(c.detail()).isEqualTo("gitlab: TLS failed (PKIX path building failed)");
    }

    @Test
    void otherFailuresAreNamedWithoutAStackTrace() {
        assertThat(failed(new IOException("HTTP/1.1 header parser received no bytes")).detail())
                .isEqualTo("gitlab: closed the connection without answering");
        assertThat(failed(new ConnectException("No route to host")).detail()).isEqualTo("gitlab: cannot connect (No route to host)");
        assertThat(failed(new IllegalStateException("boom")).result()).isEqualTo(UrlCheck.Result.OTHER);
    }

    @Test
    void statusesAreClassed() {
        assertThat(UrlProbe.answered("gitlab", GITLAB, 301, Duration.ZERO).up()).isTrue();
        assertThat(UrlProbe.answered("gitlab", GITLAB, 399, Duration.ZERO).up()).isTrue();
        assertThat(UrlProbe.answered("gitlab", GITLAB, 400, Duration.ZERO).result()).isEqualTo(UrlCheck.Result.HTTP_STATUS);
        assertThat(UrlProbe.answered("gitlab", GITLAB, 599, Duration.ZERO).result()).isEqualTo(UrlCheck.Result.HTTP_5XX);
        assertThat(UrlProbe.answered("gitlab", GITLAB, 100, Duration.ZERO).result()).isEqualTo(UrlCheck.Result.HTTP_STATUS);
    }
}
