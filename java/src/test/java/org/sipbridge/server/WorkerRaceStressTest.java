package org.sipbridge.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13 item 1: four workers answer and forward bursts of retransmitted requests at once.
 * Every retransmission must get its original's To-tag (local replies) and its original's
 * branch (forwarded requests), no two requests may share a tag, and no reply may be lost.
 * With one To-tag object shared by the workers this failed: mixed-up tags, and replies lost
 * to exceptions in the shared hash.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WorkerRaceStressTest {
    private static final Pattern TAG = Pattern.compile("\r\nTo: [^\r]*;tag=([^;\r]+)");
    private static final Pattern CALL_ID = Pattern.compile("\r\nCall-ID: ([^\r]+)");
    private static final Pattern OUR_BRANCH = Pattern.compile("branch=(z9hG4bKsb[0-9a-f]{16})");
    private static final int SENDERS = 4;
    private static final int CALLS_PER_SENDER = 150;
    private static final int COPIES = 3; // the original and two retransmissions

    @TempDir
    Path dir;

    @Test
    void retransmissionsKeepTheirTagAndBranchUnderFourWorkers() throws Exception {
        try (DatagramSocket uas = socket()) {
            String config = """
                    listen=udp:127.0.0.1:%d
                    children=4
                    route {
                    	if (is_method("OPTIONS")) {
                    		sl_send_reply("200", "OK");
                    		exit;
                    	}
                    	forward("udp:127.0.0.1:%d");
                    }
                    """.formatted(TestServer.freePort(), uas.getLocalPort());
            try (TestServer proxy = TestServer.start(dir, config)) {
                Map<String, String> branchByCall = new ConcurrentHashMap<>();
                List<String> branchErrors = java.util.Collections.synchronizedList(new ArrayList<>());
                Thread uasThread = new Thread(() -> answerForwarded(uas, branchByCall, branchErrors), "test-uas");
                uasThread.setDaemon(true);
                uasThread.start();

                List<Sender> senders = new ArrayList<>();
                for (int s = 0; s < SENDERS; s++) {
                    senders.add(new Sender(s, proxy.udp()));
                }
                for (Sender s : senders) {
                    s.start();
                }
                for (Sender s : senders) {
                    s.join(40_000);
                }
                uasThread.interrupt();

                Map<String, String> tagOwner = new HashMap<>();
                int replies = 0;
                for (Sender s : senders) {
                    assertTrue(s.error == null, () -> "sender failed: " + s.error);
                    for (Map.Entry<String, List<String>> e : s.tags.entrySet()) {
                        List<String> tags = e.getValue();
                        replies += tags.size();
                        assertEquals(1, new HashSet<>(tags).size(),
                                "the retransmissions of " + e.getKey() + " got different To-tags: " + tags);
                        if (e.getKey().startsWith("local-")) {
                            String previous = tagOwner.put(tags.get(0), e.getKey());
                            assertTrue(previous == null, "requests " + previous + " and " + e.getKey()
                                    + " got the same To-tag " + tags.get(0));
                        }
                    }
                }
                assertTrue(branchErrors.isEmpty(), () -> "forwarded retransmissions: " + branchErrors);
                assertEquals(SENDERS * CALLS_PER_SENDER * 2 * COPIES, replies, "replies lost");
                assertEquals(SENDERS * CALLS_PER_SENDER, branchByCall.size(), "forwarded requests lost");
            }
        }
    }

    private static DatagramSocket socket() throws IOException {
        DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        s.setReceiveBufferSize(4 << 20);
        return s;
    }

    /** The test's UAS: checks the proxy's branch per Call-ID and answers 200 with its own tag. */
    private static void answerForwarded(DatagramSocket uas, Map<String, String> branchByCall, List<String> errors) {
        byte[] b = new byte[65536];
        try {
            uas.setSoTimeout(200);
            while (!Thread.currentThread().isInterrupted()) {
                DatagramPacket p = new DatagramPacket(b, b.length);
                try {
                    uas.receive(p);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                String req = new String(b, 0, p.getLength(), StandardCharsets.UTF_8);
                String callId = group(CALL_ID, req);
                String branch = group(OUR_BRANCH, req);
                String first = branchByCall.putIfAbsent(callId, branch);
                if (first != null && !first.equals(branch)) {
                    errors.add(callId + ": " + first + " then " + branch);
                }
                byte[] reply = replyTo(req, "200 OK", ";tag=uas-" + callId.hashCode()).getBytes(StandardCharsets.UTF_8);
                uas.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
            }
        } catch (IOException e) {
            errors.add("uas: " + e);
        }
    }

    /** A reply with every header of the request but the first line and Max-Forwards; To gets the tag. */
    private static String replyTo(String request, String status, String toTag) {
        StringBuilder sb = new StringBuilder("SIP/2.0 ").append(status).append("\r\n");
        for (String line : request.split("\r\n")) {
            if (line.startsWith("Via:") || line.startsWith("From:") || line.startsWith("Call-ID:")
                    || line.startsWith("CSeq:")) {
                sb.append(line).append("\r\n");
            } else if (line.startsWith("To:")) {
                sb.append(line).append(toTag).append("\r\n");
            }
        }
        return sb.append("Content-Length: 0\r\n\r\n").toString();
    }

    private static String group(Pattern p, String text) {
        Matcher m = p.matcher(text);
        if (!m.find()) {
            throw new AssertionError(p + " not in\n" + text);
        }
        return m.group(1);
    }

    /** One client: sends its calls in bursts (original + retransmissions back to back) and collects the tags. */
    private static final class Sender extends Thread {
        final Map<String, List<String>> tags = new HashMap<>();
        private final int index;
        private final InetSocketAddress proxy;
        volatile Throwable error;

        Sender(int index, InetSocketAddress proxy) {
            super("test-sender-" + index);
            this.index = index;
            this.proxy = proxy;
        }

        @Override
        public void run() {
            try (DatagramSocket s = socket()) {
                int expected = 0;
                for (int burst = 0; burst < CALLS_PER_SENDER; burst += 25) {
                    List<byte[]> batch = new ArrayList<>();
                    for (int c = burst; c < Math.min(CALLS_PER_SENDER, burst + 25); c++) {
                        for (String kind : List.of("local", "fwd")) {
                            String callId = kind + "-" + index + "-" + c + "@stress";
                            String method = kind.equals("local") ? "OPTIONS" : "MESSAGE";
                            byte[] req = request(method, callId, s.getLocalPort(), c).getBytes(StandardCharsets.UTF_8);
                            for (int k = 0; k < COPIES; k++) {
                                batch.add(req);
                            }
                        }
                    }
                    java.util.Collections.shuffle(batch, new java.util.Random(index * 1000L + burst));
                    for (byte[] req : batch) {
                        s.send(new DatagramPacket(req, req.length, proxy));
                    }
                    expected += batch.size();
                    collect(s, expected);
                }
            } catch (Throwable t) {
                error = t;
            }
        }

        private void collect(DatagramSocket s, int expected) throws IOException {
            byte[] b = new byte[65536];
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            int have = tags.values().stream().mapToInt(List::size).sum();
            while (have < expected && System.nanoTime() < end) {
                DatagramPacket p = new DatagramPacket(b, b.length);
                s.setSoTimeout(500);
                try {
                    s.receive(p);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                String reply = new String(b, 0, p.getLength(), StandardCharsets.UTF_8);
                tags.computeIfAbsent(group(CALL_ID, reply), k -> new ArrayList<>()).add(group(TAG, reply));
                have++;
            }
        }

        private static String request(String method, String callId, int port, int n) {
            return method + " sip:svc@127.0.0.1 SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + port + ";branch=z9hG4bK-" + callId.hashCode() + "-" + n + "\r\n"
                    + "Max-Forwards: 70\r\n"
                    + "From: <sip:stress@example.com>;tag=f" + n + "\r\n"
                    + "To: <sip:svc@example.com>\r\n"
                    + "Call-ID: " + callId + "\r\n"
                    + "CSeq: " + (n + 1) + " " + method + "\r\n"
                    + "Content-Length: 0\r\n\r\n";
        }
    }
}
