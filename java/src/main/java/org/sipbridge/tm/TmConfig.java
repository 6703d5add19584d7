package org.sipbridge.tm;

/**
 * The timer values of the transaction layer (RFC 3261 17 and its Table 4), in milliseconds:
 * T1 (round-trip estimate, 500), T2 (largest retransmit interval for non-INVITE requests and
 * INVITE replies, 4000), T4 (longest time a message stays in the network, 5000). Timers B, F,
 * H, J are 64*T1; D is at least 32 s over unreliable transports; I and K are T4; L and M
 * (RFC 6026) are 64*T1. Over a reliable transport the waits D, I, J, K are 0.
 */
public record TmConfig(long t1, long t2, long t4) {
    public static final TmConfig DEFAULT = new TmConfig(500, 4000, 5000);

    public TmConfig {
        if (t1 <= 0 || t2 < t1 || t4 <= 0) {
            throw new IllegalArgumentException("timers must be positive and T2 >= T1: T1=" + t1 + " T2=" + t2
                    + " T4=" + t4);
        }
    }

    /** Timers B, F, H, J (unreliable), L, M. */
    public long timeout64() {
        return 64 * t1;
    }

    /** Timer D: wait for reply retransmissions after a non-2xx INVITE reply. */
    public long timerD(boolean reliable) {
        return reliable ? 0 : Math.max(32_000, 64 * t1);
    }
}
