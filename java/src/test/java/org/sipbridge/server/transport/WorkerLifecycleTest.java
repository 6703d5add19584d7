package org.sipbridge.server.transport;

import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sipbridge.core.Proto;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipbridge.server.transport.TestSupport.request;

@Timeout(20)
class WorkerLifecycleTest {
    private SipTransport transport;

    @AfterEach
    void stop() {
        if (transport != null) {
            transport.stop();
        }
    }

    private static TransportConfig udpConfig() {
        return TestSupport.config(ListenAddress.udp("127.0.0.1", 0));
    }

    @Test
    void startHookRunsOnEachWorkerThreadBeforeItsMessages() throws Exception {
        Map<Integer, String> hookThreads = new ConcurrentHashMap<>();
        ThreadLocal<Boolean> hookRan = ThreadLocal.withInitial(() -> false);
        TestSupport.Recorder rec = new TestSupport.Recorder() {
            @Override
            void onMessage(TestSupport.Handled h, ByteBuf message) {
                assertTrue(hookRan.get(), "start hook ran on " + h.thread() + " before its first message");
            }
        };
        transport = new SipTransport(udpConfig().withWorkers(3), rec, rank -> {
            Thread.sleep(50 * rank); // start() must wait for the slowest
            hookThreads.put(rank, Thread.currentThread().getName());
            hookRan.set(true);
        });
        transport.start();
        assertEquals(Map.of(1, "sip-worker-1", 2, "sip-worker-2", 3, "sip-worker-3"), hookThreads);
        try (DatagramSocket client = TestSupport.udpClient()) {
            for (int i = 0; i < 30; i++) {
                TestSupport.send(client, transport.localAddress(Proto.UDP), request("c" + i, 0));
            }
            for (TestSupport.Handled h : rec.awaitCount(30)) {
                assertEquals("sip-worker-" + (h.worker() + 1), h.thread());
            }
        }
        assertEquals(0, transport.stats().handlerErrors());
    }

    @Test
    void failingStartHookFailsStartAndReleasesTheSockets() throws Exception {
        int port;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            port = probe.getLocalPort();
        }
        transport = new SipTransport(TestSupport.config(ListenAddress.udp("127.0.0.1", port)).withWorkers(3),
                new TestSupport.Recorder(), rank -> {
                    if (rank == 2) {
                        throw new IllegalStateException("database unreachable");
                    }
                });
        TransportException e = assertThrows(TransportException.class, transport::start);
        assertTrue(e.getMessage().contains("worker 2") && e.getMessage().contains("database unreachable"), e.getMessage());
        assertTrue(e.getCause() instanceof IllegalStateException);
        try (DatagramSocket again = new DatagramSocket(port, InetAddress.getByName("127.0.0.1"))) {
            assertEquals(port, again.getLocalPort(), "the port was released");
        }
        transport.awaitStopped();
        transport.stop(); // harmless after a failed start
    }

    @Test
    void bindFailureNamesTheAddress() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            transport = new SipTransport(TestSupport.config(ListenAddress.udp("127.0.0.1", 0),
                    ListenAddress.tcp("127.0.0.1", port)), new TestSupport.Recorder(),
                    rank -> {
                        throw new AssertionError("no worker starts when binding fails");
                    });
            TransportException e = assertThrows(TransportException.class, transport::start);
            assertTrue(e.getMessage().startsWith("cannot bind tcp:127.0.0.1:" + port + ": "), e.getMessage());
        }
    }

    @Test
    void stopLetsQueuedMessagesFinish() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        TestSupport.Recorder rec = new TestSupport.Recorder() {
            @Override
            void onMessage(TestSupport.Handled h, ByteBuf message) {
                awaitQuietly(release);
            }
        };
        transport = new SipTransport(udpConfig().withStopDrainTimeout(Duration.ofSeconds(5)), rec);
        transport.start();
        try (DatagramSocket client = TestSupport.udpClient()) {
            for (int i = 0; i < 20; i++) {
                TestSupport.send(client, transport.localAddress(Proto.UDP), request("drain", i));
            }
            TestSupport.await("20 queued", Duration.ofSeconds(5), () -> transport.stats().received() == 20);
        }
        Thread stopper = new Thread(transport::stop);
        stopper.start();
        Thread.sleep(100);
        assertTrue(stopper.isAlive(), "stop waits for the queued messages");
        release.countDown();
        stopper.join(5000);
        assertEquals(20, rec.count());
        assertEquals(0, transport.stats().droppedAtStop());
        assertEquals(20, transport.stats().handled());
    }

    @Test
    void stopGivesUpOnAStuckHandlerAfterTheDrainTime() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        TestSupport.Recorder rec = new TestSupport.Recorder() {
            @Override
            void onMessage(TestSupport.Handled h, ByteBuf message) {
                awaitQuietly(never); // returns when interrupted
            }
        };
        transport = new SipTransport(udpConfig().withStopDrainTimeout(Duration.ofMillis(200)), rec);
        transport.start();
        try (DatagramSocket client = TestSupport.udpClient()) {
            for (int i = 0; i < 10; i++) {
                TestSupport.send(client, transport.localAddress(Proto.UDP), request("stuck", i));
            }
            TestSupport.await("10 queued", Duration.ofSeconds(5), () -> transport.stats().received() == 10);
        }
        long begin = System.nanoTime();
        transport.stop();
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
        assertTrue(ms < 3000, "stop took " + ms + " ms");
        assertEquals(1, transport.stats().handled());
        assertEquals(9, transport.stats().droppedAtStop());
    }

    @Test
    void summaryNamesListenersWorkersAndReceivers() throws Exception {
        transport = new SipTransport(TestSupport.config(ListenAddress.udp("127.0.0.1", 0), ListenAddress.tcp("127.0.0.1", 0))
                .withWorkers(2).withUdpReceivers(2), new TestSupport.Recorder());
        transport.start();
        List<String> lines = transport.summary();
        InetSocketAddress udp = transport.localAddress(Proto.UDP);
        InetSocketAddress tcp = transport.localAddress(Proto.TCP);
        String kind = transport.ioKind();
        assertTrue(lines.get(0).startsWith("listen udp:127.0.0.1:" + udp.getPort() + " (" + kind + ", "), lines.get(0));
        assertTrue(lines.get(1).startsWith("listen tcp:127.0.0.1:" + tcp.getPort() + " (" + kind + ", idle timeout 120 s"),
                lines.get(1));
        assertTrue(lines.get(2).startsWith("workers: 2 (queue 4096 messages each"), lines.get(2));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
