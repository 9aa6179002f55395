package dev.dockerdoctor.parse.logs;

import java.time.LocalDateTime;

/** One line of {@code unattended-upgrades.log}: {@code 2020-12-02 00:06:27,414 INFO message} (local time). */
public record UnattendedLine(LocalDateTime time, String level, String message) {
}
