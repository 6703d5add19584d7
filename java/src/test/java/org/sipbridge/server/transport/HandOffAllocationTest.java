package org.sipbridge.server.transport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sipbridge.core.Proto;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hand-off to the workers allocates nothing per message on the worker side (queue slots
 * are preallocated, the ReceiveInfo is shared). Measured with the JVM's per-thread allocation
 * counter after a warm-up round; the network threads' figures are printed for the record.
 */
@Timeout(30)
class HandOffAllocationTest {
    private static final int MESSAGES = 10_000;

    private static long allocatedBy(String threadPrefix) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(threadPrefix)) {
                sum += mx.getThreadAllocatedBytes(t.getId());
            }
        }
        return sum;
    }

    @Test
    void workersAllocateNothingPerMessage() throws Exception {
        AtomicInteger handled = new AtomicInteger();
        SipTransport transport = new SipTransport(TestSupport.config(ListenAddress.udp("127.0.0.1", 0),
                ListenAddress.tcp("127.0.0.1", 0)).withUdpReceivers(1), (message, info, worker) -> handled.incrementAndGet());
        transport.start();
        byte[] msg = TestSupport.bytes(TestSupport.request("alloc", 1));
        DatagramPacket datagram = new DatagramPacket(msg, msg.length, transport.localAddress(Proto.UDP));
        try (DatagramSocket udp = TestSupport.udpClient(); Socket tcp = new Socket()) {
            tcp.connect(transport.localAddress(Proto.TCP));
            OutputStream out = tcp.getOutputStream();
            for (int round = 0; round < 2; round++) { // the first round warms up the JIT
                int base = handled.get();
                long worker0 = allocatedBy("sip-worker");
                long udp0 = allocatedBy("sip-udp");
                long tcp0 = allocatedBy("sip-tcp");
                for (int i = 0; i < MESSAGES; i++) {
                    udp.send(datagram);
                    out.write(msg);
                    if (i % 100 == 0) { // stay well within the socket buffers
                        int sent = 2 * i;
                        TestSupport.await("catch up", Duration.ofSeconds(10), () -> handled.get() - base >= sent - 200);
                    }
                }
                TestSupport.await("all handled", Duration.ofSeconds(10), () -> handled.get() - base == 2 * MESSAGES);
                double worker = (allocatedBy("sip-worker") - worker0) / (2.0 * MESSAGES);
                System.out.printf("round %d, bytes allocated per message: worker %.1f, UDP loop %.1f, TCP loop %.1f%n",
                        round, worker, (allocatedBy("sip-udp") - udp0) / (double) MESSAGES,
                        (allocatedBy("sip-tcp") - tcp0) / (double) MESSAGES);
                if (round == 1) {
                    assertTrue(worker < 32, "worker allocates " + worker + " bytes per message");
                }
            }
        } finally {
            transport.stop();
        }
        assertTrue(transport.stats().dropped() == 0, transport.stats().toString());
    }
}
