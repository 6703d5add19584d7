package org.sipbridge.server.transport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sipbridge.core.Proto;
import org.sipbridge.core.ReceiveInfo;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(20)
class WorkerQueueTest {
    private static final InetSocketAddress SOURCE = new InetSocketAddress("127.0.0.1", 5060);

    /** A tag telling producer and sequence number apart (the queue does not look at it). */
    private static ReceiveInfo tag(int producer, int seq) {
        return new ReceiveInfo(Proto.UDP, SOURCE, SOURCE, ((long) producer << 32) | seq);
    }

    @Test
    void capacityIsRoundedUpToAPowerOfTwo() {
        assertEquals(2, new WorkerQueue(1).capacity());
        assertEquals(2, new WorkerQueue(2).capacity());
        assertEquals(4, new WorkerQueue(3).capacity());
        assertEquals(4096, new WorkerQueue(4096).capacity());
        assertEquals(8192, new WorkerQueue(4097).capacity());
    }

    @Test
    void firstInFirstOutAndBounded() {
        WorkerQueue q = new WorkerQueue(4);
        assertTrue(q.isEmpty());
        for (int lap = 0; lap < 3; lap++) { // the ring wraps around
            for (int i = 0; i < 4; i++) {
                assertTrue(q.offer(null, tag(0, i)));
            }
            assertFalse(q.offer(null, tag(0, 99)), "full");
            for (int i = 0; i < 4; i++) {
                WorkerQueue.Slot s = q.peek();
                assertEquals(i, (int) s.info.connectionId());
                q.consumed(s);
                assertNull(s.info, "a consumed slot keeps no reference");
            }
            assertNull(q.peek());
        }
    }

    @Test
    void manyProducersKeepTheirOwnOrder() throws Exception {
        int producers = 3;
        int each = 20_000;
        WorkerQueue q = new WorkerQueue(64);
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int producer = p;
            ReceiveInfo[] tags = new ReceiveInfo[each];
            for (int i = 0; i < each; i++) {
                tags[i] = tag(producer, i);
            }
            Thread t = new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    while (!q.offer(null, tags[i])) {
                        Thread.yield(); // full: let the consumer run (2 cores are shared)
                    }
                }
            });
            threads.add(t);
            t.start();
        }
        int[] next = new int[producers];
        for (int received = 0; received < producers * each; ) {
            WorkerQueue.Slot s = q.peek();
            if (s == null) {
                Thread.yield();
                continue;
            }
            long id = s.info.connectionId();
            int producer = (int) (id >>> 32);
            assertEquals(next[producer], (int) id, "order of producer " + producer);
            next[producer]++;
            q.consumed(s);
            received++;
        }
        for (Thread t : threads) {
            t.join();
        }
        assertTrue(q.isEmpty());
        for (int n : next) {
            assertEquals(each, n);
        }
    }

    @Test
    void peekReturnsTheSameSlotUntilConsumed() {
        WorkerQueue q = new WorkerQueue(2);
        q.offer(null, tag(0, 1));
        WorkerQueue.Slot s = q.peek();
        assertSame(s, q.peek());
        q.consumed(s);
        assertNull(q.peek());
    }
}
