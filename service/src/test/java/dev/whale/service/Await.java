package dev.whale.service;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Waiting for something to happen, the one way these tests do it: a condition polled until it holds or a deadline
 * passes. A test never sleeps to let something happen; it names what it waits for, and fails saying what did not.
 */
final class Await {
    private static final long POLL_MILLIS = 50;

    private Await() {}

    /** A condition that may fail to be checked, such as a request to a server that is not up yet. */
    @FunctionalInterface
    interface Condition {
        boolean holds() throws Exception;
    }

    /** Returns once {@code condition} holds; fails with {@code message} when it still does not after {@code within}. */
    static void until(Duration within, Condition condition, Supplier<String> message) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(message.get() + " (waited " + within.toMillis() + " ms)");
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
