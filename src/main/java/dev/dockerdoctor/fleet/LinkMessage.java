package dev.dockerdoctor.fleet;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dockerdoctor.store.StateJson;

import java.io.IOException;
import java.time.Instant;

/**
 * Everything that may cross the link between hub and agent, version 1: a JSON text message each, {@code {"v": 1,
 * "type": ..., ...}}. Each side reads only the messages meant for it ({@link ToAgent} or {@link ToHub}); any other
 * type, a newer version or a malformed message is refused by name, never acted on. There is no message that carries
 * a command: the hub asks for a diagnosis or names a step of the agent's own plan, and the agent decides what it runs.
 */
public final class LinkMessage {
    public static final int VERSION = 1;
    private static final ObjectMapper JSON = StateJson.MAPPER;

    private LinkMessage() {
    }

    /** What the hub may ask of an agent. Every request has an id its reply names. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({@JsonSubTypes.Type(value = Diagnose.class, name = "diagnose"),
            @JsonSubTypes.Type(value = RunStep.class, name = "run-step"),
            @JsonSubTypes.Type(value = Acknowledge.class, name = "acknowledge"),
            @JsonSubTypes.Type(value = Maintain.class, name = "maintain"),
            @JsonSubTypes.Type(value = Answer.class, name = "answer")})
    public sealed interface ToAgent permits Diagnose, RunStep, Acknowledge, Maintain, Answer {
        String id();
    }

    /** What an agent tells the hub: who it is, that it is alive, and its answers. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({@JsonSubTypes.Type(value = Hello.class, name = "hello"),
            @JsonSubTypes.Type(value = Heartbeat.class, name = "heartbeat"),
            @JsonSubTypes.Type(value = Reply.class, name = "reply"),
            @JsonSubTypes.Type(value = Notice.class, name = "notice")})
    public sealed interface ToHub permits Hello, Heartbeat, Reply, Notice {
    }

    /** The first message on every connection. {@code intervalSeconds} is how often heartbeats come. */
    public record Hello(String host, long intervalSeconds) implements ToHub {
    }

    /** The host's verdict as of {@code at} (the newest diagnosis the agent made), and its headline. */
    public record Heartbeat(String verdict, String headline, Instant at) implements ToHub {
    }

    /** Diagnose the host: {@code view} is a {@code /docker-status} subcommand's word; logs from {@code since}. */
    public record Diagnose(String id, String view, Instant since) implements ToAgent {
    }

    /**
     * Run step {@code step} of report (or incident) {@code reference} for Slack user {@code user}, who the hub found
     * in its admin list. The agent decides again: its own DOCTOR_ADMINS, its plan at this moment, its lock and audit.
     */
    public record RunStep(String id, String reference, String step, String user) implements ToAgent {
    }

    /**
     * The host's maintenance window: {@code show} it, {@code start} one until {@code until} (or move its end), or
     * {@code end} it, for Slack user {@code user}; the agent starts and ends only for its own DOCTOR_ADMINS.
     */
    public record Maintain(String id, MaintainAction action, String user, Instant until, String reason) implements ToAgent {
    }

    public enum MaintainAction { SHOW, START, END }

    /** Slack user {@code user} is on the agent's open incident {@code incident}: {@code reason} (the modal's words). */
    public record Acknowledge(String id, String incident, String user, String reason) implements ToAgent {
    }

    /**
     * The answer to request {@code id}: a diagnosis (as the state folder keeps them) or a step's outcome, or why
     * there is none.
     */
    public record Reply(String id, JsonNode body, String error) implements ToHub {
    }

    /** What a {@link Notice} may tell: the calls of the agent's incident notifier, one for one. */
    public enum NoticeKind { OPENED, UPDATED, RESOLVED, REMIND, MAINTENANCE, FIND }

    /**
     * An incident of the agent's host changed (or a maintenance window did): the hub posts it to Slack and answers
     * with an {@link Answer} of the same id. {@code incident}, {@code diagnosis} and {@code maintenance} are as the
     * state folder keeps them; {@code openForSeconds} is a reminder's.
     */
    public record Notice(String id, NoticeKind kind, JsonNode incident, JsonNode diagnosis, JsonNode maintenance,
                         long openForSeconds) implements ToHub {
    }

    /**
     * The hub's answer to notice {@code id}: where the incident lives in Slack ({@code thread}, null for none), or
     * why it did not get there ({@code error}; {@code retryAfterSeconds} when Slack said when, {@code needsPerson}
     * when a person must fix it).
     */
    public record Answer(String id, JsonNode thread, String error, long retryAfterSeconds, boolean needsPerson)
            implements ToAgent {
    }

    /** A message that must not be acted on, with why. */
    public static final class Refused extends Exception {
        public Refused(String why) {
            super(why);
        }
    }

    public static String write(Object message) {
        ObjectNode o = JSON.valueToTree(message);
        ObjectNode out = JSON.createObjectNode().put("v", VERSION);
        out.setAll(o);
        return out.toString();
    }

    public static <T> T read(String text, Class<T> side) throws Refused {
        if (text == null || text.length() > 8 << 20) throw new Refused("a message over 8 MiB");
        JsonNode tree;
        try {
            tree = JSON.readTree(text);
        } catch (IOException e) {
            throw new Refused("a message that is not JSON");
        }
        if (tree == null || !tree.isObject()) throw new Refused("a message that is not a JSON object");
        int v = tree.path("v").asInt(-1);
        if (v != VERSION) throw new Refused("a message of version " + tree.path("v") + " (this side speaks " + VERSION + ")");
        String type = tree.path("type").asText("");
        ObjectNode body = ((ObjectNode) tree).deepCopy();
        body.remove("v");
        try {
            return JSON.treeToValue(body, side);
        } catch (IOException e) {
            throw new Refused("a message of type '" + clip(type) + "', which is not one this side takes");
        }
    }

    private static String clip(String s) {
        String t = s.replaceAll("[^A-Za-z0-9._-]", "?");
        return t.length() > 40 ? t.substring(0, 40) + "..." : t;
    }
}
