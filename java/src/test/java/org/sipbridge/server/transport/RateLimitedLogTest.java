package org.sipbridge.server.transport;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimitedLogTest {
    @Test
    void oneLinePerIntervalAndTheRestCounted() throws Exception {
        RateLimitedLog limit = new RateLimitedLog(TimeUnit.MILLISECONDS.toNanos(50));
        assertTrue(limit.permit());
        assertEquals("", limit.suppressedNote());
        assertFalse(limit.permit());
        assertFalse(limit.permit());
        Thread.sleep(60);
        assertTrue(limit.permit());
        assertEquals(" (2 similar lines suppressed)", limit.suppressedNote());
    }
}
