package dev.dockerdoctor.slack;

import java.util.List;

/**
 * The bot token's scopes the manifests ask for, and what each is for. {@code check} compares a token's granted
 * scopes with this list; ManifestTest holds both manifests to it.
 */
public final class SlackScopes {
    /** One scope: its name, what the bot does with it, and whether the bot is broken without it. */
    public record Scope(String name, String usedFor, boolean required) {
    }

    public static final String CHAT_WRITE_PUBLIC = "chat:write.public";

    public static final List<Scope> BOT = List.of(
            new Scope("commands", "/docker-status", true),
            new Scope("chat:write", "incident threads and step results", true),
            new Scope(CHAT_WRITE_PUBLIC, "posting in a public DOCTOR_CHANNEL without being invited first", false),
            new Scope("channels:history", "finding an incident's root message after a lost answer, instead of posting it twice", false),
            new Scope("groups:history", "the same when DOCTOR_CHANNEL is a private channel", false));

    private SlackScopes() {
    }
}
