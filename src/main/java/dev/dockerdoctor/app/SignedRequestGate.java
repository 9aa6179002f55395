package dev.dockerdoctor.app;

import com.google.gson.JsonParser;
import com.slack.api.app_backend.SlackSignature;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;

/**
 * The door in front of Bolt: a request to the events path is read (bounded), its signature checked on the raw bytes
 * with the Slack SDK's own verifier, and only then handed on. Nothing unsigned is parsed; a body over Slack's own
 * sizes is refused with 413 and read away unkept; a timestamp more than five minutes off either way is a replay (Slack
 * signs the moment it sends); a signed body that is no Slack payload gets 400. No body is ever written to the log.
 */
final class SignedRequestGate implements Filter {
    /** Slack's payloads stay far below this (a modal's state is the largest); anything bigger is not Slack. */
    static final int MAX_BODY = 1 << 20;
    static final long MAX_SKEW_SECONDS = 5 * 60;
    /** How much of a refused body is read away (and dropped) so that the refusal reaches the client. */
    static final long MAX_DRAIN = 64L << 20;
    private static final Logger log = LoggerFactory.getLogger(SignedRequestGate.class);

    private final SlackSignature.Verifier verifier;
    private final Clock clock;

    SignedRequestGate(String signingSecret, Clock clock) {
        this.verifier = new SlackSignature.Verifier(new SlackSignature.Generator(signingSecret));
        this.clock = clock;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse res = (HttpServletResponse) response;
        if (!"POST".equals(req.getMethod())) {
            refuse(res, req, 405, "only POST");
            return;
        }
        if (req.getContentLengthLong() > MAX_BODY) {
            drain(req.getInputStream());
            refuse(res, req, 413, "body of " + req.getContentLengthLong() + " bytes");
            return;
        }
        byte[] body = readBounded(req.getInputStream());
        if (body == null) {
            drain(req.getInputStream());
            refuse(res, req, 413, "body over " + MAX_BODY + " bytes");
            return;
        }
        String text = new String(body, StandardCharsets.UTF_8);
        String timestamp = req.getHeader(SlackSignature.HeaderNames.X_SLACK_REQUEST_TIMESTAMP);
        String signature = req.getHeader(SlackSignature.HeaderNames.X_SLACK_SIGNATURE);
        if (!withinSkew(timestamp)) {
            refuse(res, req, 401, "timestamp missing or more than five minutes off");
            return;
        }
        if (signature == null || !verifier.isValid(timestamp, text, signature, clock.millis())) {
            refuse(res, req, 401, "bad signature");
            return;
        }
        if (!looksLikeSlack(req.getContentType(), text)) {
            refuse(res, req, 400, "signed, but not a Slack payload");
            return;
        }
        chain.doFilter(new ReadAgain(req, body), response);
    }

    private boolean withinSkew(String timestamp) {
        if (timestamp == null) return false;
        try {
            long ts = Long.parseLong(timestamp.strip());
            return Math.abs(clock.millis() / 1000 - ts) <= MAX_SKEW_SECONDS;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * Reads a refused body away, a buffer at a time (nothing kept), so that the client hears the 413 instead of a
     * reset connection; past {@link #MAX_DRAIN} the connection is simply closed on it.
     */
    private static void drain(InputStream in) {
        byte[] buf = new byte[64 << 10];
        long left = MAX_DRAIN;
        try {
            int n;
            while (left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) > 0) left -= n;
        } catch (IOException e) {
            // the client went: nothing to answer
        }
    }

    /** The body, or null when it is over the limit (what was read stops there). */
    static byte[] readBounded(InputStream in) throws IOException {
        byte[] b = in.readNBytes(MAX_BODY + 1);
        return b.length > MAX_BODY ? null : b;
    }

    /** A slash command, an interaction (payload=JSON) or an event (JSON): what Slack sends to this path. */
    static boolean looksLikeSlack(String contentType, String body) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        try {
            if (type.startsWith("application/json")) return JsonParser.parseString(body).isJsonObject();
            for (String field : body.split("&")) {
                int eq = field.indexOf('=');
                if (eq <= 0) continue;
                String key = URLDecoder.decode(field.substring(0, eq), StandardCharsets.UTF_8);
                String value = URLDecoder.decode(field.substring(eq + 1), StandardCharsets.UTF_8);
                if (key.equals("payload")) return JsonParser.parseString(value).isJsonObject();
                if (key.equals("command") || key.equals("ssl_check")) return true;
            }
            return false;
        } catch (RuntimeException e) {
            return false; // a broken escape or broken JSON
        }
    }

    private static void refuse(HttpServletResponse res, HttpServletRequest req, int status, String why) throws IOException {
        log.warn("Refused {} {} from {}: {} ({})", req.getMethod(), req.getRequestURI(), req.getRemoteAddr(), why, status);
        res.setStatus(status);
        res.setContentType("text/plain;charset=utf-8");
        res.getWriter().write(status == 401 ? "invalid request\n" : status == 413 ? "too large\n" : "bad request\n");
    }

    /** The request with its body read once more, for Bolt (which checks the signature again, harmlessly). */
    private static final class ReadAgain extends HttpServletRequestWrapper {
        private final byte[] body;

        ReadAgain(HttpServletRequest req, byte[] body) {
            super(req);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() { return in.available() == 0; }

                @Override
                public boolean isReady() { return true; }

                @Override
                public void setReadListener(ReadListener l) { throw new UnsupportedOperationException("blocking reads only"); }

                @Override
                public int read() { return in.read(); }

                @Override
                public int read(byte[] b, int off, int len) { return in.read(b, off, len); }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() { return body.length; }

        @Override
        public long getContentLengthLong() { return body.length; }
    }
}
