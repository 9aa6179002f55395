package dev.dockerdoctor.model;

import java.util.List;

/**
 * How the log phase went: files read, lines looked at, what was skipped (binary junk, broken gzip, cut lines)
 * and how long it took. Problems are said, never fatal.
 */
public record LogStats(int filesRead, long linesRead, long linesSkipped, List<String> problems, long elapsedMillis) {
    public LogStats {
        problems = List.copyOf(problems);
    }

    public static LogStats none() { return new LogStats(0, 0, 0, List.of(), 0); }
}
