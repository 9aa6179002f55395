package dev.dockerdoctor.parse.logs;

/**
 * Gives classic syslog lines (no year) their year, for lines read from the newest backwards: each line takes the
 * year that puts it nearest to, and normally just before, the line after it (being later costs more than being
 * earlier). The first line is measured against a
 * reference time (the file's modification time; for an older rotation, the earliest time of the newer file), so a
 * file that runs from December into January gets both years right. A line with an exact time of its own
 * (dockerd's {@code time="..."}) re-anchors the count. Lines out of order by a little do not move it.
 */
public final class YearResolver {
    private final LocalTimes times;
    private long bound;
    private int boundYear;
    private int lastYear;
    private int lastMonth;
    private int lastDay;

    public YearResolver(long referenceEpochSecond, LocalTimes times) {
        this.times = times;
        this.bound = referenceEpochSecond;
        this.boundYear = times.localYear(referenceEpochSecond);
    }

    /** The instant (epoch second) of the next line going backwards. */
    public long resolve(int month, int day, int secondOfDay) {
        // most lines share the day of the line after them: same year, unless that puts them out of order
        if (month == lastMonth && day == lastDay) {
            long t = times.toEpochSecond(lastYear, month, day, secondOfDay);
            if (t <= bound + 3600) {
                if (t < bound) {
                    bound = t;
                    boundYear = lastYear;
                }
                return t;
            }
        }
        lastMonth = month;
        lastDay = day;
        long best = choose(month, day, secondOfDay);
        int bestYear = chosenYear;
        lastYear = bestYear;
        if (best < bound) {
            bound = best;
            boundYear = bestYear;
        }
        return best;
    }

    /** What {@link #resolve} would give, without counting the line. */
    public long peek(int month, int day, int secondOfDay) {
        return choose(month, day, secondOfDay);
    }

    private int chosenYear;

    private long choose(int month, int day, int secondOfDay) {
        long best = 0;
        int bestYear = 0;
        long bestCost = Long.MAX_VALUE;
        for (int y = boundYear + 1; y >= boundYear - 1; y--) {
            if (day > Dates.lengthOfMonth(y, month)) continue; // Feb 29 only in leap years
            long t = times.toEpochSecond(y, month, day, secondOfDay);
            // reading backwards, a line later than the one after it is rare (a little disorder, a wrong clock):
            // it costs sixteen times as much as the same distance earlier
            long cost = t > bound ? (t - bound) * 16 : bound - t;
            if (cost < bestCost) {
                bestCost = cost;
                best = t;
                bestYear = y;
            }
        }
        if (bestYear == 0) { // Feb 29 with no leap year near: keep the day before rather than fail
            bestYear = boundYear;
            best = times.toEpochSecond(bestYear, month, Math.min(day, Dates.lengthOfMonth(bestYear, month)), secondOfDay);
        }
        chosenYear = bestYear;
        return best;
    }

    /** The year the last {@link #resolve} chose. */
    public int lastYear() { return lastYear; }

    /** An exact time seen on the current line: lines before it are measured from it. */
    public void anchor(long epochSecond) {
        lastMonth = 0;
        bound = epochSecond;
        boundYear = times.localYear(epochSecond);
    }

    /** Moving to an older file: its lines are not later than this either (its modification time). */
    public void limit(long epochSecond) {
        if (epochSecond < bound) anchor(epochSecond);
    }

    /** The earliest time seen so far (the reference for an older file). */
    public long bound() { return bound; }
}
