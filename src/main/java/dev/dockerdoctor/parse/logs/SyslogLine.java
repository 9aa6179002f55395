package dev.dockerdoctor.parse.logs;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * One syslog record. Classic lines carry no {@code year} (null) and no {@code offset} (null); RFC3339 lines carry a
 * year and usually an offset. {@code program} is the tag before {@code [pid]} or {@code :} (may hold spaces or
 * parentheses: {@code sshd(pam_unix)}, {@code syslogd 1.4.1}); {@code pid} is null when the line has none;
 * {@code message} is everything after the tag's colon and one space, kept as written.
 */
public record SyslogLine(Integer year, int month, int day, LocalTime time, ZoneOffset offset, String host,
                         String program, String pid, String message) {

    /** The time of the line, taking {@code yearIfMissing} for a classic line and {@code zone} when no offset was written. */
    public OffsetDateTime at(int yearIfMissing, ZoneId zone) {
        LocalDateTime local = LocalDateTime.of(LocalDate.of(year != null ? year : yearIfMissing, month, day), time);
        return offset != null ? local.atOffset(offset) : local.atZone(zone).toOffsetDateTime();
    }
}
