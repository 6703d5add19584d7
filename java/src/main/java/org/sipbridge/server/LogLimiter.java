package org.sipbridge.server;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One log line of a kind per second at most, so a flood of bad packets cannot flood the log
 * (or cost more than a counter): {@code if (limit.permit()) log.warn("... {}", x, limit.note())}.
 * Nothing is formatted when the line is suppressed.
 */
final class LogLimiter {
    private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final AtomicLong nextAllowed = new AtomicLong(System.nanoTime());
    private final AtomicLong suppressed = new AtomicLong();

    boolean permit() {
        long now = System.nanoTime();
        long next = nextAllowed.get();
        if (now - next >= 0 && nextAllowed.compareAndSet(next, now + INTERVAL_NANOS)) {
            return true;
        }
        suppressed.incrementAndGet();
        return false;
    }

    /** " (N similar lines suppressed)" for the line being written, or "". */
    String note() {
        long n = suppressed.getAndSet(0);
        return n == 0 ? "" : " (" + n + " similar lines suppressed)";
    }
}
