package dev.dockerdoctor.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the test moves by hand. */
public final class TestClock extends Clock {
    private volatile Instant now;

    public TestClock(Instant start) {
        this.now = start;
    }

    public static TestClock at(String iso) {
        return new TestClock(Instant.parse(iso));
    }

    public TestClock advance(Duration d) {
        now = now.plus(d);
        return this;
    }

    public TestClock seconds(long s) {
        return advance(Duration.ofSeconds(s));
    }

    @Override
    public Instant instant() { return now; }

    @Override
    public ZoneId getZone() { return ZoneOffset.UTC; }

    @Override
    public Clock withZone(ZoneId zone) { return this; }
}
