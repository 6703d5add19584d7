package org.sipbridge.script.run;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The rate limit of one script location's error line: at most one line a second, the next
 * one saying how many were suppressed. A route that fails at the same place on every
 * message, or 100 times per message inside a recursive route, writes one line a second
 * instead of flooding the log. One per step or expression (shared by the workers: atomics
 * only); nothing is formatted for a suppressed line.
 */
public final class ErrorLogLimit {
    private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final AtomicLong nextAllowed = new AtomicLong(System.nanoTime());
    private final AtomicLong suppressed = new AtomicLong();

    /** True when a line may be written now. */
    public boolean permit() {
        long now = System.nanoTime();
        long next = nextAllowed.get();
        if (now - next >= 0 && nextAllowed.compareAndSet(next, now + INTERVAL_NANOS)) {
            return true;
        }
        suppressed.incrementAndGet();
        return false;
    }

    /** " (N similar lines suppressed)" for the permitted line, or "". */
    public String note() {
        long n = suppressed.getAndSet(0);
        return n == 0 ? "" : " (" + n + " similar lines suppressed)";
    }
}
