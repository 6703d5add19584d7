package org.sipbridge.server.transport;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * How long one worker took per message, as histogram buckets (upper bounds in
 * {@link #BOUNDS_NANOS}, the last one open) and a sum. Written by its worker only, with
 * ordered stores and no allocation; read by management at any time.
 */
public final class WorkerTiming {
    public static final long[] BOUNDS_NANOS = {
            10_000, 25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000, 5_000_000, 25_000_000, 100_000_000,
            1_000_000_000};

    private final AtomicLongArray buckets = new AtomicLongArray(BOUNDS_NANOS.length + 1);
    private final AtomicLongArray sum = new AtomicLongArray(1);

    /** Worker thread only. */
    void record(long nanos) {
        int i = 0;
        while (i < BOUNDS_NANOS.length && nanos > BOUNDS_NANOS[i]) {
            i++;
        }
        buckets.lazySet(i, buckets.get(i) + 1);   // single writer: no read-modify-write race
        sum.lazySet(0, sum.get(0) + nanos);
    }

    /** Counts per bucket (not cumulative); the last one is over the largest bound. */
    public long[] buckets() {
        long[] out = new long[buckets.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = buckets.get(i);
        }
        return out;
    }

    public long sumNanos() {
        return sum.get(0);
    }
}
