package dev.dockerdoctor.slack.message;

import java.util.List;

/**
 * What a view needs besides the diagnosis: the host's name, the id the report is stored under (button values name
 * it), who may run steps, and who shared the report (null when not shared).
 */
public record ViewContext(String host, String reportId, List<String> admins, String sharedBy) {
    /** The slash command every view points back to. */
    public static final String COMMAND = "/docker-status";

    public ViewContext {
        admins = admins.stream().sorted().toList();
    }

    public ViewContext sharedBy(String userId) {
        return new ViewContext(host, reportId, admins, userId);
    }

    public boolean isAdmin(String userId) {
        return admins.contains(userId);
    }
}
