package dev.dockerdoctor.check;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** What {@code check} prints: one line a check, as text or JSON, and its exit status. */
public final class CheckReport {
    /** {@code check --json}'s own version: a new key is added freely, a key renamed or retyped bumps it. */
    public static final int SCHEMA_VERSION = 1;

    private CheckReport() {
    }

    public static boolean allWell(List<SetupCheck> checks) {
        return checks.stream().noneMatch(c -> c.status() == SetupCheck.Status.FAIL);
    }

    /** 0 when nothing failed, 1 when something did (2, could not run, is picocli's and Main's). */
    public static int exitStatus(List<SetupCheck> checks) {
        return allWell(checks) ? 0 : 1;
    }

    /** {@code ok    slack-auth      workspace ... } and, when there is something to do, {@code  -> what to do}. */
    public static String text(List<SetupCheck> checks) {
        int width = checks.stream().mapToInt(c -> c.name().length()).max().orElse(0);
        StringBuilder out = new StringBuilder();
        for (SetupCheck c : checks) {
            out.append(String.format("%-4s  %-" + width + "s  %s", c.status().word(), c.name(), c.seen()));
            if (!c.todo().isEmpty()) out.append(" -> ").append(c.todo());
            out.append('\n');
        }
        long failed = checks.stream().filter(c -> c.status() == SetupCheck.Status.FAIL).count();
        long warned = checks.stream().filter(c -> c.status() == SetupCheck.Status.WARN).count();
        out.append(failed == 0 ? "All well" : failed + (failed == 1 ? " thing" : " things") + " to fix")
                .append(warned == 0 ? "" : ", " + warned + (warned == 1 ? " warning" : " warnings")).append(".\n");
        return out.toString();
    }

    /** {@code {"schemaVersion", "ok", "checks": [{name, status, seen, todo}]}}. */
    public static String json(List<SetupCheck> checks) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("ok", allWell(checks));
        ArrayNode list = root.putArray("checks");
        for (SetupCheck c : checks) {
            list.addObject().put("name", c.name()).put("status", c.status().word()).put("seen", c.seen()).put("todo", c.todo());
        }
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
