package org.sipbridge.server.transport;

import ch.qos.logback.classic.Level;
import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sipbridge.core.Proto;
import org.sipbridge.testing.LogCapture;

import java.net.DatagramSocket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipbridge.server.transport.TestSupport.request;

/** A full worker queue drops (and counts, and logs) instead of blocking or growing. */
@Timeout(20)
class QueueFullTest {
    @Test
    void fullQueueDropsAreCountedAndNothingThrows() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        TestSupport.Recorder rec = new TestSupport.Recorder() {
            @Override
            void onMessage(TestSupport.Handled h, ByteBuf message) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        SipTransport transport = new SipTransport(TestSupport.config(ListenAddress.udp("127.0.0.1", 0))
                .withWorkerQueue(4), rec);
        transport.start();
        try (LogCapture logs = new LogCapture(Inbound.class.getName(), Level.WARN);
             DatagramSocket client = TestSupport.udpClient()) {
            TestSupport.send(client, transport.localAddress(Proto.UDP), request("first", 0));
            rec.awaitCount(1); // the worker is now blocked in the handler
            for (int i = 1; i <= 40; i++) {
                TestSupport.send(client, transport.localAddress(Proto.UDP), request("flood", i));
            }
            TestSupport.await("41 datagrams accounted for", Duration.ofSeconds(5),
                    () -> transport.stats().received() + transport.stats().droppedQueueFull() == 41);
            TransportStats s = transport.stats();
            // the message in the handler keeps its slot (its bytes are the slot's own buffer)
            assertEquals(4, s.received(), "one in the handler, three queued: four slots");
            assertEquals(37, s.droppedQueueFull());
            assertEquals(37, s.dropped());
            assertEquals(1, logs.messages().size(), "rate-limited to one line: " + logs.messages());
            assertTrue(logs.messages().get(0).contains("udp:127.0.0.1:" + client.getLocalPort()), logs.messages().get(0));
            assertTrue(logs.messages().get(0).contains("queue is full"), logs.messages().get(0));
            release.countDown();
            rec.awaitCount(4);
            // once drained, messages flow again
            TestSupport.send(client, transport.localAddress(Proto.UDP), request("after", 0));
            rec.awaitCount(5);
        } finally {
            release.countDown();
            transport.stop();
        }
        assertEquals(0, transport.stats().internalErrors());
        assertEquals(0, transport.stats().handlerErrors());
        assertEquals(0, transport.stats().droppedAtStop());
    }
}
