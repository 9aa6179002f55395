package dev.dockerdoctor.parse.logs;

/**
 * The time at the head of a syslog line, as written: classic ({@code Oct  7 06:20:17}: no year, no zone) or
 * RFC3339 ({@code 2024-04-21T12:04:54.026767+02:00}: a year, an offset when the writer gave one). A reusable holder
 * so a scan over millions of lines allocates nothing per line; {@link SyslogParser#parseStamp} fills it.
 */
public final class Stamp {
    /** Marker for "no offset written": the host's zone applies. */
    public static final int NO_OFFSET = Integer.MIN_VALUE;

    int year;          // 0 when the line has none (classic)
    int month;
    int day;
    int secondOfDay;
    int nanos;
    int offsetSeconds = NO_OFFSET;
    int end;           // index just after the stamp

    public boolean hasYear() { return year != 0; }

    public int year() { return year; }

    public int month() { return month; }

    public int day() { return day; }

    public int secondOfDay() { return secondOfDay; }

    public int nanos() { return nanos; }

    public boolean hasOffset() { return offsetSeconds != NO_OFFSET; }

    public int offsetSeconds() { return offsetSeconds; }

    /** Index (in the parsed array) just after the stamp. */
    public int end() { return end; }

    void clear() {
        year = 0;
        month = 0;
        day = 0;
        secondOfDay = 0;
        nanos = 0;
        offsetSeconds = NO_OFFSET;
        end = 0;
    }
}
