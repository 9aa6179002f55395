package dev.dockerdoctor.slack.standin;

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
 * chat.postMessage (a fresh ts each time), chat.update, chat.postEphemeral and apps.connections.open like Slack
 * does, takes any POST under /response/ as a response_url, and records every request for the test to read.
 */
public final class SlackStandIn implements AutoCloseable {
    public static final String TEAM = "T0TEAM";
    public static final String BOT_USER = "U0BOT";

    /** One request as it arrived. */
    public record Recorded(String method, String path, Map<String, String> headers, String body, long nanoTime) {
    }

    private final Server server = new Server();
    private final List<Recorded> requests = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong ts = new AtomicLong(1_732_688_834_000_100L);
    private volatile String socketModeUrl = "ws://127.0.0.1:1/none";
    private final java.util.Set<String> refused = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public SlackStandIn() throws Exception {
        ServerConnector c = new ServerConnector(server);
        c.setHost("127.0.0.1");
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
        return "http://127.0.0.1:" + port() + "/api/";
    }

    /** A fresh response_url for one request. */
    public String responseUrl(String name) {
        return "http://127.0.0.1:" + port() + "/response/" + name;
    }

    /** auth.test answers invalid_auth for this token, as Slack does for a revoked or mistyped one. */
    public void refuseToken(String token) {
        refused.add(token);
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
        String json;
        String auth = headers.getOrDefault("authorization", "");
        boolean refusedToken = refused.stream().anyMatch(t -> auth.equals("Bearer " + t) || body.contains("token=" + t));
        if (refusedToken && path.startsWith("/api/")) {
            json = "{\"ok\":false,\"error\":\"invalid_auth\"}";
        } else if (path.startsWith("/response/")) {
            json = "{\"ok\":true}";
        } else {
            json = switch (path) {
                case "/api/auth.test" -> "{\"ok\":true,\"url\":\"https://doctor-test.slack.com/\",\"team\":\"Doctor Test\","
                        + "\"user\":\"docker-doctor\",\"team_id\":\"" + TEAM + "\",\"user_id\":\"" + BOT_USER + "\",\"bot_id\":\"B0BOT\"}";
                case "/api/chat.postMessage" -> "{\"ok\":true,\"channel\":\"C0CHAN\",\"ts\":\"" + freshTs() + "\"}";
                case "/api/chat.update" -> "{\"ok\":true,\"channel\":\"C0CHAN\",\"ts\":\"" + freshTs() + "\"}";
                case "/api/chat.postEphemeral" -> "{\"ok\":true,\"message_ts\":\"" + freshTs() + "\"}";
                case "/api/apps.connections.open" -> "{\"ok\":true,\"url\":\"" + socketModeUrl + "\"}";
                default -> "{\"ok\":false,\"error\":\"unknown_method\"}";
            };
        }
        resp.getWriter().write(json);
    }

    private String freshTs() {
        long n = ts.incrementAndGet();
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
