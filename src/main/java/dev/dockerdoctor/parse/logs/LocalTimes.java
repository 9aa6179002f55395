package dev.dockerdoctor.parse.logs;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;

/**
 * Wall-clock times of one zone to instants and back, cheaply: the offset is looked up once per local hour.
 * A time in a daylight-saving gap or overlap takes the offset {@link ZoneRules#getOffset(LocalDateTime)} gives.
 */
public final class LocalTimes {
    private final ZoneId zone;
    private final ZoneRules rules;
    private final boolean fixed;
    private final int fixedOffset;
    private long cachedHour = Long.MIN_VALUE;
    private int cachedOffset;

    public LocalTimes(ZoneId zone) {
        this.zone = zone;
        this.rules = zone.getRules();
        this.fixed = rules.isFixedOffset();
        this.fixedOffset = fixed ? rules.getOffset(Instant.EPOCH).getTotalSeconds() : 0;
    }

    public ZoneId zone() { return zone; }

    /** The instant (epoch second) of a local date and second of day; the date must be valid. */
    public long toEpochSecond(int year, int month, int day, int secondOfDay) {
        long local = Dates.epochDay(year, month, day) * 86_400L + secondOfDay;
        return local - offsetOfLocal(local);
    }

    /** The offset in force at a local time given as seconds since 1970-01-01T00:00 local. */
    public int offsetOfLocal(long localEpochSecond) {
        if (fixed) return fixedOffset;
        long hour = Math.floorDiv(localEpochSecond, 3600);
        if (hour != cachedHour) {
            LocalDateTime ldt = LocalDateTime.ofEpochSecond(localEpochSecond, 0, ZoneOffset.UTC);
            cachedOffset = rules.getOffset(ldt).getTotalSeconds();
            cachedHour = hour;
        }
        return cachedOffset;
    }

    public ZoneOffset offsetAt(long epochSecond) {
        return fixed ? ZoneOffset.ofTotalSeconds(fixedOffset) : rules.getOffset(Instant.ofEpochSecond(epochSecond));
    }

    /** The calendar year in this zone at an instant. */
    public int localYear(long epochSecond) {
        return LocalDateTime.ofEpochSecond(epochSecond, 0, offsetAt(epochSecond)).getYear();
    }
}
