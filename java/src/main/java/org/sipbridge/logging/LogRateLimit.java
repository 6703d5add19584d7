package org.sipbridge.logging;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * At most one log line of a kind per second, the next one saying how many were suppressed,
 * so a flood of bad packets, or a script location that fails on every message, writes one
 * line a second instead of flooding the log:
 * {@code if (limit.permit()) log.warn("... {}", x, limit.note())}. Safe to share between
 * threads (atomics only); nothing is formatted for a suppressed line.
 */
public final class LogRateLimit {
    private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final AtomicLong nextAllowed = new AtomicLong(System.nanoTime());
    private final AtomicLong suppressed = new AtomicLong();

    /** True when a line may be written now; otherwise counts it as suppressed. */
    public boolean permit() {
        long now = System.nanoTime();
        long next = nextAllowed.get();
        if (now - next >= 0 && nextAllowed.compareAndSet(next, now + INTERVAL_NANOS)) {
            return true;
        }
        suppressed.incrementAndGet();
        return false;
    }

    /** " (N similar lines suppressed)" for the line being written, or "". */
    public String note() {
        long n = suppressed.getAndSet(0);
        return n == 0 ? "" : " (" + n + " similar lines suppressed)";
    }
}
