package org.sipbridge.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Guards the hot path's allocation without timing anything: the server in this JVM (the
 * proxy route with three C calls, 4 workers) forwards requests and relays their replies over
 * loopback UDP, and the bytes its threads allocate are read from the JVM's per-thread
 * counters (exact, not sampled) around a measured batch that follows a warm-up batch.
 *
 * <p>Bounds: the workers (parse, view, script, C calls, Via stamping, forward/relay build,
 * send) must stay within {@link #WORKER_BOUND} bytes per message: they allocate nothing per
 * message (0.2 B measured here: a rate-limited log or a lambda's first call), against 276 B
 * before the send, the Via stamp and the queue hand-off were made allocation-free. The
 * receiving threads keep Netty's per-datagram objects (the sender's InetSocketAddress and
 * its InetAddress, the DatagramPacket: 140 B measured here) and are bounded at
 * {@link #RECEIVER_BOUND}; they allocated 1700 B per message here before (a pooled copy per
 * message, ByteBuffer views to hash the Call-ID, the recycler's queue). Interpreted or C1
 * code does no escape analysis, so bounds that hold before the JIT's C2 compiled the path
 * hold after. scripts/profile-alloc.sh measures the same under SIPp load.
 *
 * <p>Both receive modes: {@code udp_receive_mode = inline} (the default: the workers read
 * their own sockets with recvmmsg, so the whole path, receive included, is on the workers and
 * within {@link #WORKER_BOUND}; the idle receiving event loop allocates nothing) and
 * {@code handoff} (receiving threads, Netty's per-datagram objects).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AllocationPerMessageTest {
    static final int WARMUP_ROUNDS = 3000;
    static final int ROUNDS = 2000;
    /** Per message through the proxy, worker threads together. */
    static final long WORKER_BOUND = 16;
    /** Per message through the proxy, receiving threads together. */
    static final long RECEIVER_BOUND = 200;

    @TempDir
    Path dir;

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"inline", "handoff"})
    void forwardingAndRelayingStayWithinTheAllocationBounds(String mode) throws Exception {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled(),
                "this JVM does not count allocated bytes per thread");
        String config = "udp_receive_mode = " + mode + "\n" + TestServer.proxyConfig(4);
        try (TestServer proxy = TestServer.start(dir, config);
             UdpPeer client = new UdpPeer(); UdpPeer uas = new UdpPeer()) {
            rounds(proxy, client, uas, 0, WARMUP_ROUNDS);
            long[] workers = threads("sip-worker-");
            long[] receivers = threads("sip-udp-");
            assertEquals(4, workers.length, "worker threads");
            assertTrue(receivers.length >= 1, "receiving threads");
            long w0 = sum(mx.getThreadAllocatedBytes(workers));
            long r0 = sum(mx.getThreadAllocatedBytes(receivers));
            rounds(proxy, client, uas, WARMUP_ROUNDS, ROUNDS);
            long w1 = sum(mx.getThreadAllocatedBytes(workers));
            long r1 = sum(mx.getThreadAllocatedBytes(receivers));
            long messages = 2L * ROUNDS;
            double perWorker = (double) (w1 - w0) / messages;
            double perReceiver = (double) (r1 - r0) / messages;
            String report = String.format("%s per message: workers %.1f B, receivers %.1f B (%d messages)",
                    mode, perWorker, perReceiver, messages);
            assertTrue(proxy.server.summary().toString().contains("udp_receive_mode inline") == mode.equals("inline"),
                    proxy.server.summary()::toString);
            System.out.println("AllocationPerMessageTest " + report);
            assertTrue(perWorker <= WORKER_BOUND, "workers allocate too much " + report);
            assertTrue(perReceiver <= (mode.equals("inline") ? 1 : RECEIVER_BOUND),
                    "receiving threads allocate too much " + report);
        }
    }

    /**
     * count rounds of: the client's request forwarded to the UAS, the UAS's 200 relayed back
     * to the client (2 messages through the proxy), each on its own Call-ID (so they spread
     * over the workers). Every message must arrive: a lost one fails the test.
     */
    private static void rounds(TestServer proxy, UdpPeer client, UdpPeer uas, int first, int count) {
        for (int i = first; i < first + count; i++) {
            client.send(proxy.udp(), request(client, uas, i));
            String forwarded = uas.expect();
            assertTrue(forwarded.startsWith("MESSAGE "), forwarded);
            uas.send(proxy.udp(), "SIP/2.0 200 OK" + forwarded.substring(forwarded.indexOf("\r\n")));
            String relayed = client.expect();
            assertTrue(relayed.startsWith("SIP/2.0 200 OK\r\n"), relayed);
        }
    }

    private static String request(UdpPeer client, UdpPeer uas, int i) {
        return "MESSAGE sip:bob@127.0.0.1:" + uas.port() + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + client.port() + ";branch=z9hG4bK-alloc-" + i + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:alice@example.com>;tag=a" + i + "\r\n"
                + "To: <sip:bob@example.com>\r\n"
                + "Call-ID: alloc-" + i + "@test\r\n"
                + "CSeq: 1 MESSAGE\r\n"
                + "Content-Type: text/plain\r\n"
                + "Content-Length: 5\r\n\r\nhello";
    }

    /** Ids of the live threads whose name starts with prefix. */
    private static long[] threads(String prefix) {
        List<Long> ids = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(prefix)) {
                ids.add(t.getId());
            }
        }
        assertNotNull(ids);
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    private static long sum(long[] values) {
        long s = 0;
        for (long v : values) {
            assertTrue(v >= 0, "a thread's allocation counter is not available");
            s += v;
        }
        return s;
    }
}
