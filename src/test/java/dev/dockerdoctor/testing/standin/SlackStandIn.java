package dev.dockerdoctor.testing.standin;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A local stand-in for Slack's Web API and its response_urls (Slack has no test server). It answers auth.test,
 * chat.postMessage (a fresh ts each time), chat.update (the message's own ts), chat.postEphemeral,
 * conversations.history (the messages posted to a channel, with their metadata) and apps.connections.open like
 * Slack does, takes any POST under /response/ as a response_url, and records every request for the test to read.
 * It can also misbehave as Slack does: HTTP 429 with Retry-After, a 500, or a post whose answer is lost.
 */
public final class SlackStandIn implements AutoCloseable {
    public static final String TEAM = "T0TEAM";
    public static final String BOT_USER = "U0BOT";

    /** One request as it arrived. */
    public record Recorded(String method, String path, Map<String, String> headers, String body, long nanoTime) {
        /** A form parameter of the request (the SDK posts Web API calls as a form). */
        public String param(String name) {
            return form(body).get(name);
        }
    }

    /** A message as the channel holds it: posted, then perhaps edited. */
    public record Posted(String channel, String ts, String threadTs, String text, String blocks, String metadata) {
    }

    /** How the next call of a method goes wrong: an HTTP status (with Retry-After for 429), posted or not first. */
    private record Fault(int status, String retryAfter, boolean postFirst) {
    }

    private final Server server = new Server();
    private final List<Recorded> requests = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong ts = new AtomicLong();
    private volatile String socketModeUrl = "ws://127.0.0.1:1/none";
    private final java.util.Set<String> refused = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Map<String, java.util.Deque<Fault>> faults = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<Posted> posted = Collections.synchronizedList(new ArrayList<>());

    private final String host;

    private volatile String scopes = "commands,chat:write,chat:write.public,channels:history,groups:history";
    private final Map<String, String> channelErrors = new java.util.concurrent.ConcurrentHashMap<>();
    /** When set, chat.postMessage takes one message a second per channel, as Slack does; the rest get 429. */
    private volatile boolean onePerSecond;
    private final Map<String, Long> lastPost = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger limited = new java.util.concurrent.atomic.AtomicInteger();

    public SlackStandIn() throws Exception {
        this("127.0.0.1");
    }

    /** Listening on {@code host} (a namespace's link to the test, say), which its URLs name too. */
    public SlackStandIn(String host) throws Exception {
        this.host = host;
        ServerConnector c = new ServerConnector(server);
        c.setHost(host);
        c.setPort(0);
        server.addConnector(c);
        ServletContextHandler ctx = new ServletContextHandler("/");
        ctx.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                handle(req, resp);
            }
        }), "/*");
        server.setHandler(ctx);
        server.start();
    }

    public int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    /** What SLACK_API_URL is set to. */
    public String apiUrl() {
        return "http://" + host + ":" + port() + "/api/";
    }

    /** A fresh response_url for one request. */
    public String responseUrl(String name) {
        return "http://" + host + ":" + port() + "/response/" + name;
    }

    /** auth.test answers invalid_auth for this token, as Slack does for a revoked or mistyped one. */
    public void refuseToken(String token) {
        refused.add(token);
    }

    /** chat.postMessage answers 429 (Retry-After: 1) to a second message in the same channel within a second. */
    public SlackStandIn onePostASecondPerChannel() {
        onePerSecond = true;
        return this;
    }

    /** How many posts the one-a-second limit refused. */
    public int rateLimited() {
        return limited.get();
    }

    /** The next call of {@code method} (e.g. "chat.postMessage") answers HTTP 429 with this Retry-After. */
    public SlackStandIn rateLimitNext(String method, int retryAfterSeconds) {
        faults.computeIfAbsent(method, k -> new java.util.concurrent.ConcurrentLinkedDeque<>())
                .add(new Fault(429, Integer.toString(retryAfterSeconds), false));
        return this;
    }

    /** The next call of {@code method} answers with this HTTP status (500, 503) and does nothing. */
    public SlackStandIn failNext(String method, int status) {
        faults.computeIfAbsent(method, k -> new java.util.concurrent.ConcurrentLinkedDeque<>()).add(new Fault(status, null, false));
        return this;
    }

    /** The next chat.postMessage is posted, but answered with this status, as if the answer was lost on the way. */
    public SlackStandIn postButFailNext(int status) {
        faults.computeIfAbsent("chat.postMessage", k -> new java.util.concurrent.ConcurrentLinkedDeque<>())
                .add(new Fault(status, null, true));
        return this;
    }

    /** Every message posted, as it is now (edits applied), oldest first. */
    /** The scopes auth.test (and every other method) names in x-oauth-scopes, as Slack does; default the manifest's. */
    public SlackStandIn grantScopes(String... scopes) {
        this.scopes = String.join(",", scopes);
        return this;
    }

    /** conversations.history on {@code channel} answers {@code error} (not_in_channel, channel_not_found...). */
    public SlackStandIn channelError(String channel, String error) {
        channelErrors.put(channel, error);
        return this;
    }

    public List<Posted> posted() {
        synchronized (posted) {
            return List.copyOf(posted);
        }
    }

    /** Where apps.connections.open sends the Socket Mode client. */
    public void socketModeUrl(String url) {
        this.socketModeUrl = url;
    }

    private void handle(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String body = new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h : Collections.list(req.getHeaderNames())) headers.put(h.toLowerCase(), req.getHeader(h));
        String path = req.getRequestURI();
        requests.add(new Recorded(req.getMethod(), path, headers, body, System.nanoTime()));
        resp.setContentType("application/json");
        resp.setStatus(200);
        if (path.startsWith("/api/")) resp.setHeader("x-oauth-scopes", scopes);
        String method = path.startsWith("/api/") ? path.substring(5) : "";
        java.util.Deque<Fault> queue = faults.get(method);
        Fault fault = queue == null ? null : queue.poll();
        if (fault != null) {
            if (fault.postFirst()) answer(path, form(body));
            resp.setStatus(fault.status());
            if (fault.retryAfter() != null) resp.setHeader("Retry-After", fault.retryAfter());
            resp.getWriter().write(fault.status() == 429 ? "{\"ok\":false,\"error\":\"ratelimited\"}" : "<html>Internal Server Error</html>");
            return;
        }
        if (onePerSecond && method.equals("chat.postMessage") && !takesAPost(form(body).getOrDefault("channel", "C0CHAN"))) {
            limited.incrementAndGet();
            resp.setStatus(429);
            resp.setHeader("Retry-After", "1");
            resp.getWriter().write("{\"ok\":false,\"error\":\"ratelimited\"}");
            return;
        }
        String json;
        String auth = headers.getOrDefault("authorization", "");
        boolean refusedToken = refused.stream().anyMatch(t -> auth.equals("Bearer " + t) || body.contains("token=" + t));
        if (refusedToken && path.startsWith("/api/")) {
            json = "{\"ok\":false,\"error\":\"invalid_auth\"}";
        } else if (path.startsWith("/response/")) {
            json = "{\"ok\":true}";
        } else {
            json = answer(path, form(body));
        }
        resp.getWriter().write(json);
    }

    private String answer(String path, Map<String, String> p) {
        return switch (path) {
            case "/api/auth.test" -> "{\"ok\":true,\"url\":\"https://doctor-test.slack.com/\",\"team\":\"Doctor Test\","
                    + "\"user\":\"docker-doctor\",\"team_id\":\"" + TEAM + "\",\"user_id\":\"" + BOT_USER + "\",\"bot_id\":\"B0BOT\",\"app_id\":\"A0APP\"}";
            case "/api/chat.postMessage" -> {
                String channel = p.getOrDefault("channel", "C0CHAN");
                String ts = freshTs();
                posted.add(new Posted(channel, ts, p.get("thread_ts"), p.get("text"), p.get("blocks"), p.get("metadata")));
                yield "{\"ok\":true,\"channel\":" + quote(channel) + ",\"ts\":\"" + ts + "\"}";
            }
            case "/api/chat.update" -> {
                String ts = p.get("ts");
                synchronized (posted) {
                    for (int i = 0; i < posted.size(); i++) {
                        Posted m = posted.get(i);
                        if (m.ts().equals(ts)) posted.set(i, new Posted(m.channel(), ts, m.threadTs(), p.get("text"), p.get("blocks"), m.metadata()));
                    }
                }
                yield ts == null ? "{\"ok\":false,\"error\":\"message_not_found\"}"
                        : "{\"ok\":true,\"channel\":" + quote(p.getOrDefault("channel", "C0CHAN")) + ",\"ts\":\"" + ts + "\"}";
            }
            case "/api/views.open" -> p.get("trigger_id") == null ? "{\"ok\":false,\"error\":\"invalid_trigger_id\"}"
                    : "{\"ok\":true,\"view\":{\"id\":\"V0MODAL\",\"type\":\"modal\"}}";
            case "/api/views.publish" -> "{\"ok\":true,\"view\":{\"id\":\"V0HOME\",\"type\":\"home\"}}";
            case "/api/chat.postEphemeral" -> "{\"ok\":true,\"message_ts\":\"" + freshTs() + "\"}";
            case "/api/conversations.history" -> channelErrors.containsKey(p.get("channel"))
                    ? "{\"ok\":false,\"error\":" + quote(channelErrors.get(p.get("channel"))) + "}"
                    : history(p.get("channel"), p.get("oldest"));
            case "/api/apps.connections.open" -> "{\"ok\":true,\"url\":\"" + socketModeUrl + "\"}";
            default -> "{\"ok\":false,\"error\":\"unknown_method\"}";
        };
    }

    // top-level messages of the channel, newest first, with their metadata (as include_all_metadata asks)
    private String history(String channel, String oldest) {
        double after = oldest == null ? 0 : Double.parseDouble(oldest);
        com.google.gson.JsonArray messages = new com.google.gson.JsonArray();
        List<Posted> all = new ArrayList<>(posted());
        Collections.reverse(all);
        for (Posted m : all) {
            if (!m.channel().equals(channel) || m.threadTs() != null || Double.parseDouble(m.ts()) <= after) continue;
            com.google.gson.JsonObject o = new com.google.gson.JsonObject();
            o.addProperty("type", "message");
            o.addProperty("user", BOT_USER);
            o.addProperty("ts", m.ts());
            o.addProperty("text", m.text());
            if (m.metadata() != null) o.add("metadata", com.google.gson.JsonParser.parseString(m.metadata()));
            messages.add(o);
        }
        com.google.gson.JsonObject r = new com.google.gson.JsonObject();
        r.addProperty("ok", true);
        r.add("messages", messages);
        r.addProperty("has_more", false);
        return r.toString();
    }

    private static String quote(String s) {
        return new com.google.gson.JsonPrimitive(s).toString();
    }

    /**
     * Writes these calls to {@code target/slack-calls/<name>.jsonl}, one {@code {"path", "params", "ts"}} object a
     * line, for ../shared/tools/blockkit-preview and slack-types-check.
     */
    public static void recordForPreview(String name, List<Recorded> calls) throws IOException {
        java.nio.file.Path dir = java.nio.file.Path.of(System.getProperty("basedir", "."), "target", "slack-calls");
        java.nio.file.Files.createDirectories(dir);
        StringBuilder out = new StringBuilder();
        for (Recorded r : calls) {
            com.google.gson.JsonObject line = new com.google.gson.JsonObject();
            line.addProperty("path", r.path().replace("/api/", ""));
            com.google.gson.JsonObject params = new com.google.gson.JsonObject();
            form(r.body()).forEach((k, v) -> {
                if (k.equals("view") || k.equals("blocks")) params.add(k, com.google.gson.JsonParser.parseString(v));
                else if (!k.equals("token")) params.addProperty(k, v);
            });
            line.add("params", params);
            line.addProperty("ts", Long.toString(System.currentTimeMillis()));
            out.append(line).append('\n');
        }
        java.nio.file.Files.writeString(dir.resolve(name + ".jsonl"), out);
    }

    public static Map<String, String> form(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        if (body == null || body.isBlank() || body.startsWith("{")) return out;
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String k = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    // like Slack's: the current time in microseconds, unique and rising within the channel
    private synchronized boolean takesAPost(String channel) {
        long now = System.nanoTime();
        Long last = lastPost.get(channel);
        if (last != null && now - last < 1_000_000_000L) return false;
        lastPost.put(channel, now);
        return true;
    }

    private String freshTs() {
        long now = java.time.Instant.now().getEpochSecond() * 1_000_000L + java.time.Instant.now().getNano() / 1000;
        long n = ts.updateAndGet(last -> Math.max(last + 1, now));
        return (n / 1_000_000) + "." + String.format("%06d", n % 1_000_000);
    }

    public List<Recorded> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public List<Recorded> requestsTo(String pathPrefix) {
        return requests().stream().filter(r -> r.path().startsWith(pathPrefix)).toList();
    }

    /** Waits for a request matching, up to the timeout. */
    public Optional<Recorded> await(Predicate<Recorded> match, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            Optional<Recorded> r = requests().stream().filter(match).findFirst();
            if (r.isPresent()) return r;
            Thread.sleep(10);
        }
        return Optional.empty();
    }

    public Optional<Recorded> awaitPath(String path, Duration timeout) throws InterruptedException {
        return await(r -> r.path().equals(path), timeout);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
