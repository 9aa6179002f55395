package dev.dockerdoctor.model;

import java.util.List;

/**
 * One step of a recovery plan. {@code id} is public and is also the Slack button's action_id.
 * {@code argv} are the commands it runs (each an argv list, never a shell line); {@code changes} the file edits
 * it makes first. {@code warning} is said in the confirm dialog and the report (may be null).
 */
public record Step(String id, String title, String detail, List<List<String>> argv, List<FileChange> changes,
                   boolean mutating, String warning) {
    public Step {
        argv = argv.stream().map(List::copyOf).toList();
        changes = List.copyOf(changes);
    }

    /** The commands as a person would read them; display only, never executed. */
    public List<String> commands() {
        return argv.stream().map(a -> String.join(" ", a)).toList();
    }
}
