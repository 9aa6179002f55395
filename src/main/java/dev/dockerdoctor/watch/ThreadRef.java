package dev.dockerdoctor.watch;

import java.util.Map;

/**
 * Where an incident lives in the chat: the channel and the root message's ts, plus the ts of replies the notifier
 * wants to edit later, by a name of its choosing ("diagnosis", "plan"). Persisted with the incident.
 */
public record ThreadRef(String channel, String ts, Map<String, String> replies) {
    /** The reply key of a group member's card: the group's root, whose thread its messages go to. */
    public static final String GROUP_THREAD = "thread";

    public ThreadRef {
        replies = replies == null ? Map.of() : Map.copyOf(replies);
    }

    public ThreadRef(String channel, String ts) {
        this(channel, ts, Map.of());
    }

    public ThreadRef withReply(String name, String replyTs) {
        java.util.Map<String, String> r = new java.util.LinkedHashMap<>(replies);
        r.put(name, replyTs);
        return new ThreadRef(channel, ts, r);
    }
}
