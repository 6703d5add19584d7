package org.sipbridge.server.transport;

import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sipbridge.core.Proto;
import org.sipbridge.core.ReceiveInfo;

import java.io.OutputStream;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipbridge.server.transport.TestSupport.request;

/**
 * Messages of one dialog must be handled in the order they were sent, whatever the number of
 * workers; different dialogs must still spread over the workers.
 */
@Timeout(30)
class OrderingTest {
    private static final int DIALOGS = 200;
    private static final int PER_DIALOG = 25;
    /** Messages in flight at most, so the kernel's socket buffer never overflows on loopback. */
    private static final int WINDOW = 256;

    private SipTransport transport;

    @AfterEach
    void stop() {
        if (transport != null) {
            transport.stop();
        }
    }

    /** Records, per Call-ID, the X-Seq numbers in handling order and the workers that handled them. */
    private static final class DialogRecorder implements MessageHandler {
        final Map<String, List<Integer>> order = new ConcurrentHashMap<>();
        final Map<String, Set<Integer>> workersOf = new ConcurrentHashMap<>();
        final Set<Integer> workersUsed = ConcurrentHashMap.newKeySet();
        final AtomicInteger handled = new AtomicInteger();

        @Override
        public void handle(ByteBuf message, ReceiveInfo received, int worker) {
            String text = message.toString(StandardCharsets.UTF_8);
            String callId = String.valueOf(TestSupport.header(text, "Call-ID"));
            int seq = Integer.parseInt(TestSupport.header(text, "X-Seq"));
            order.computeIfAbsent(callId, k -> new ArrayList<>()); // lists are filled by one worker each
            synchronized (order.get(callId)) {
                order.get(callId).add(seq);
            }
            workersOf.computeIfAbsent(callId, k -> ConcurrentHashMap.newKeySet()).add(worker);
            workersUsed.add(worker);
            // uneven work per message, so a wrongly shared dialog would show reordering
            long spinUntil = System.nanoTime() + ThreadLocalRandom.current().nextInt(20_000);
            while (System.nanoTime() < spinUntil) {
                Thread.onSpinWait();
            }
            handled.incrementAndGet();
        }

        void assertInOrder(int dialogs, int perDialog, int workers) {
            assertEquals(dialogs, order.size());
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < perDialog; i++) {
                expected.add(i);
            }
            order.forEach((callId, seqs) -> assertEquals(expected, seqs, "order of " + callId));
            workersOf.forEach((callId, ws) -> assertEquals(1, ws.size(), callId + " handled by " + ws));
            assertTrue(workersUsed.size() > 1, "work spread over " + workersUsed + " of " + workers + " workers");
        }
    }

    private void waitForWindow(DialogRecorder rec, int sent) throws InterruptedException {
        while (sent - rec.handled.get() > WINDOW) {
            Thread.sleep(0, 100_000);
        }
    }

    @ParameterizedTest(name = "{0} workers")
    @ValueSource(ints = {2, 4})
    void udpDialogsStayInOrder(int workers) throws Exception {
        DialogRecorder rec = new DialogRecorder();
        transport = new SipTransport(TestSupport.config(ListenAddress.udp("127.0.0.1", 0))
                .withWorkers(workers).withUdpReceivers(2).withWorkerQueue(1 << 14), rec);
        transport.start();
        InetSocketAddress server = transport.localAddress(Proto.UDP);
        DatagramSocket[] clients = new DatagramSocket[4];
        try {
            for (int i = 0; i < clients.length; i++) {
                clients[i] = TestSupport.udpClient();
            }
            int sent = 0;
            for (int seq = 0; seq < PER_DIALOG; seq++) {
                for (int d = 0; d < DIALOGS; d++) {
                    waitForWindow(rec, sent);
                    // a dialog always comes from the same client, as a real UA's would
                    TestSupport.send(clients[d % clients.length], server, request("dialog-" + d, seq));
                    sent++;
                }
            }
            int total = sent;
            TestSupport.await("all " + total + " messages handled", Duration.ofSeconds(15),
                    () -> rec.handled.get() == total);
        } finally {
            for (DatagramSocket c : clients) {
                if (c != null) {
                    c.close();
                }
            }
        }
        rec.assertInOrder(DIALOGS, PER_DIALOG, workers);
        assertEquals(0, transport.stats().dropped());
    }

    @ParameterizedTest(name = "{0} workers")
    @ValueSource(ints = {2, 4})
    void tcpDialogsStayInOrder(int workers) throws Exception {
        DialogRecorder rec = new DialogRecorder();
        transport = new SipTransport(TestSupport.config(ListenAddress.tcp("127.0.0.1", 0))
                .withWorkers(workers).withWorkerQueue(1 << 14), rec);
        transport.start();
        InetSocketAddress server = transport.localAddress(Proto.TCP);
        int dialogs = 100;
        int perDialog = 10;
        try (Socket a = new Socket(server.getAddress(), server.getPort());
             Socket b = new Socket(server.getAddress(), server.getPort())) {
            OutputStream[] outs = {a.getOutputStream(), b.getOutputStream()};
            for (int seq = 0; seq < perDialog; seq++) {
                StringBuilder[] batch = {new StringBuilder(), new StringBuilder()};
                for (int d = 0; d < dialogs; d++) {
                    batch[d % 2].append(request("tcp-dialog-" + d, seq));
                }
                for (int i = 0; i < 2; i++) {
                    outs[i].write(batch[i].toString().getBytes(StandardCharsets.UTF_8));
                }
            }
            TestSupport.await("all TCP messages handled", Duration.ofSeconds(15),
                    () -> rec.handled.get() == dialogs * perDialog);
        }
        rec.assertInOrder(dialogs, perDialog, workers);
    }

    @Test
    void messagesWithoutCallIdAreHandledInOrderPerSource() throws Exception {
        TestSupport.Recorder rec = new TestSupport.Recorder();
        transport = new SipTransport(TestSupport.config(ListenAddress.udp("127.0.0.1", 0)).withWorkers(4), rec);
        transport.start();
        InetSocketAddress server = transport.localAddress(Proto.UDP);
        try (DatagramSocket client = TestSupport.udpClient()) {
            for (int i = 0; i < 50; i++) {
                TestSupport.send(client, server, TestSupport.requestWithoutCallId(i));
            }
            List<TestSupport.Handled> all = rec.awaitCount(50);
            Set<Integer> workers = new HashSet<>();
            for (int i = 0; i < 50; i++) {
                assertEquals(String.valueOf(i), TestSupport.header(all.get(i).text(), "X-Seq"));
                assertEquals(null, TestSupport.header(all.get(i).text(), "Call-ID"));
                workers.add(all.get(i).worker());
            }
            assertEquals(1, workers.size(), "one source without Call-ID stays on one worker");
        }
    }
}
