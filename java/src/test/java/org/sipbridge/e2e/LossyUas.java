package org.sipbridge.e2e;

import java.io.IOException;
import java.net.DatagramPacket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.sipbridge.server.SipTestMessages.header;
import static org.sipbridge.server.SipTestMessages.replyTo;

/**
 * A UAS on UDP that loses the first copy of every INVITE (it never sees it) and answers the
 * next 200; ACKs are taken, BYEs answered 200. Records how long after the lost copy the
 * retransmission came.
 */
final class LossyUas extends UdpPeerThread {
    private final Map<String, Long> firstSeen = new HashMap<>();
    private final List<Long> gaps = new ArrayList<>();
    final AtomicInteger answered = new AtomicInteger();
    private final boolean lose;

    LossyUas() throws IOException {
        this(true);
    }

    /** lose false: a plain UAS that answers the first copy (and each retransmission) 200. */
    LossyUas(boolean lose) throws IOException {
        super("lossy-uas");
        this.lose = lose;
        start();
    }

    synchronized List<Long> gaps() {
        return List.copyOf(gaps);
    }

    @Override
    void handle(DatagramPacket packet, String text) throws IOException {
        if (text.startsWith("INVITE ")) {
            String callId = header(text, "Call-ID");
            synchronized (this) {
                Long first = firstSeen.get(callId);
                if (first == null && !lose) {
                    first = System.nanoTime();
                    firstSeen.put(callId, first);
                }
                if (first == null) {
                    firstSeen.put(callId, System.nanoTime());
                    return; // lost
                }
                if (first > 0) {
                    gaps.add((System.nanoTime() - first) / 1_000_000);
                    firstSeen.put(callId, 0L);
                    answered.incrementAndGet();
                }
            }
            send(replyTo(text, "200 OK", ";tag=lossy", "Contact: <sip:127.0.0.1:" + port() + ">\r\n"),
                    packet.getSocketAddress());
        } else if (text.startsWith("BYE ")) {
            send(replyTo(text, "200 OK", ";tag=lossy", ""), packet.getSocketAddress());
        }
    }

    @Override
    public String toString() {
        return "answered " + answered.get() + ", gaps " + gaps();
    }
}
