package dev.dockerdoctor.watch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the test moves by hand. */
final class TestClock extends Clock {
    private volatile Instant now;

    TestClock(Instant start) {
        this.now = start;
    }

    static TestClock at(String iso) {
        return new TestClock(Instant.parse(iso));
    }

    TestClock advance(Duration d) {
        now = now.plus(d);
        return this;
    }

    TestClock seconds(long s) {
        return advance(Duration.ofSeconds(s));
    }

    @Override
    public Instant instant() { return now; }

    @Override
    public ZoneId getZone() { return ZoneOffset.UTC; }

    @Override
    public Clock withZone(ZoneId zone) { return this; }
}
