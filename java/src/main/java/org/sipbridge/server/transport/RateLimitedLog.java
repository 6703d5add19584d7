package org.sipbridge.server.transport;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets one log line of a kind through per interval, so a flood of bad packets cannot flood
 * the log. Use: {@code if (limit.permit()) log.warn("...{}", ..., limit.suppressedNote())};
 * nothing is formatted or boxed when the line is suppressed.
 */
final class RateLimitedLog {
    static final long DEFAULT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final long intervalNanos;
    private final AtomicLong nextAllowed;
    private final AtomicLong suppressed = new AtomicLong();

    RateLimitedLog(long intervalNanos) {
        this.intervalNanos = intervalNanos;
        this.nextAllowed = new AtomicLong(System.nanoTime());
    }

    RateLimitedLog() {
        this(DEFAULT_INTERVAL_NANOS);
    }

    /** True when a line may be written now; otherwise counts it as suppressed. */
    boolean permit() {
        long now = System.nanoTime();
        long next = nextAllowed.get();
        if (now - next >= 0 && nextAllowed.compareAndSet(next, now + intervalNanos)) {
            return true;
        }
        suppressed.incrementAndGet();
        return false;
    }

    /** Lines suppressed since the last call, for the line being written. */
    long takeSuppressed() {
        return suppressed.getAndSet(0);
    }

    /** " (N similar lines suppressed)" for the line being written, or "" when none were. */
    String suppressedNote() {
        long n = takeSuppressed();
        return n == 0 ? "" : " (" + n + " similar lines suppressed)";
    }
}
