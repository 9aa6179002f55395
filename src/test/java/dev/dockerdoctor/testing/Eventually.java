package dev.dockerdoctor.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition a background thread makes true; fails with the description when it does not come. */
public final class Eventually {
    private Eventually() {
    }

    public static void await(String what, Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("not within " + limit.toMillis() + " ms: " + what);
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + what);
            }
        }
    }
}
