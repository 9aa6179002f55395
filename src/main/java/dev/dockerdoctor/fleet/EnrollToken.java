package dev.dockerdoctor.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * What {@code enroll NAME} prints and an agent's first connection presents: the name it is enrolled as, a one-time
 * secret (the hub keeps only its hash), and the SHA-256 fingerprint of the hub's certificate, which the agent pins:
 * it trusts that certificate and no other, so no CA and no reverse proxy is needed for the link to be private.
 */
public record EnrollToken(String name, String secret, String hubPin) {
    static final String PREFIX = "ddenroll1.";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    public static EnrollToken fresh(String name, String hubPin) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return new EnrollToken(name, Base64.getUrlEncoder().withoutPadding().encodeToString(secret), hubPin);
    }

    public String encoded() {
        ObjectNode o = JSON.createObjectNode().put("name", name).put("secret", secret).put("hub", hubPin);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(o.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The token a person pasted, or empty when it is not one (cut short, another tool's, junk). */
    public static Optional<EnrollToken> decode(String text) {
        if (text == null) return Optional.empty();
        String t = text.strip();
        if (!t.startsWith(PREFIX) || t.length() > 2048) return Optional.empty();
        try {
            JsonNode o = JSON.readTree(Base64.getUrlDecoder().decode(t.substring(PREFIX.length())));
            String name = o.path("name").asText("");
            String secret = o.path("secret").asText("");
            String hub = o.path("hub").asText("");
            if (!HostName.valid(name) || secret.length() < 32 || !hub.matches("[0-9a-f]{64}")) return Optional.empty();
            return Optional.of(new EnrollToken(name, secret, hub));
        } catch (IllegalArgumentException | IOException e) {
            return Optional.empty();
        }
    }

    /** Never the secret: a token in a log line must not be usable. */
    @Override
    public String toString() {
        return "EnrollToken[" + name + "]";
    }
}
