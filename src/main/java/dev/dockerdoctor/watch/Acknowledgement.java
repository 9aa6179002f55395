package dev.dockerdoctor.watch;

import java.time.Instant;

/** Someone said "I know, I'm on it": who (a Slack user id), when, and what they are doing about it. */
public record Acknowledgement(String user, Instant at, String reason) {
    /** The longest reason kept: a modal's text, not a document. */
    public static final int MAX_REASON = 500;

    public Acknowledgement {
        reason = reason == null ? "" : reason.strip();
        if (reason.length() > MAX_REASON) reason = reason.substring(0, MAX_REASON) + "...";
    }
}
