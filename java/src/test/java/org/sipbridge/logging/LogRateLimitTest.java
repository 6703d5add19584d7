package org.sipbridge.logging;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One line a second, the rest counted and reported with the next line; one winner among racing threads. */
@Timeout(10)
class LogRateLimitTest {
    @Test
    void oneLineASecondAndTheNextSaysHowManyWereSuppressed() throws Exception {
        LogRateLimit limit = new LogRateLimit();
        assertTrue(limit.permit());
        assertEquals("", limit.note());
        assertFalse(limit.permit());
        assertFalse(limit.permit());
        Thread.sleep(1100);
        assertTrue(limit.permit());
        assertEquals(" (2 similar lines suppressed)", limit.note());
        assertEquals("", limit.note());
    }

    @Test
    void racingThreadsGetOneLine() throws Exception {
        LogRateLimit limit = new LogRateLimit();
        AtomicInteger permitted = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        Thread[] threads = new Thread[4];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int k = 0; k < 1000; k++) {
                    if (limit.permit()) {
                        permitted.incrementAndGet();
                    }
                }
            });
            threads[i].start();
        }
        long start = System.nanoTime();
        go.countDown();
        for (Thread t : threads) {
            t.join(5000);
        }
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        // 4000 attempts within well under a second on any machine: one line, or two if a second passed
        assertTrue(permitted.get() >= 1 && permitted.get() <= 1 + elapsedMs / 1000, permitted + " lines in " + elapsedMs + " ms");
        assertEquals(" (" + (4000 - permitted.get()) + " similar lines suppressed)", limit.note());
    }
}
