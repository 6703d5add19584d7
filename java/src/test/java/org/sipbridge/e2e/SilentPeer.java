package org.sipbridge.e2e;

import java.io.IOException;
import java.net.DatagramPacket;
import java.util.HashMap;
import java.util.Map;

import static org.sipbridge.server.SipTestMessages.header;

/** A UDP next hop that never answers; counts the copies of each request it got. */
final class SilentPeer extends UdpPeerThread {
    private final Map<String, Integer> copies = new HashMap<>();

    SilentPeer() throws IOException {
        super("silent-peer");
        start();
    }

    @Override
    void handle(DatagramPacket packet, String text) {
        String method = text.substring(0, Math.max(0, text.indexOf(' ')));
        synchronized (copies) {
            copies.merge(method + " " + header(text, "Call-ID"), 1, Integer::sum);
        }
    }

    /** The fewest copies any request of that method arrived in. */
    int minCopies(String method) {
        synchronized (copies) {
            return copies.entrySet().stream().filter(e -> e.getKey().startsWith(method + " "))
                    .mapToInt(Map.Entry::getValue).min().orElse(0);
        }
    }

    @Override
    public String toString() {
        synchronized (copies) {
            return copies.toString();
        }
    }
}
