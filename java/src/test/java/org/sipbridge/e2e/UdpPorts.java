package org.sipbridge.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Loopback UDP ports for end-to-end tests: free ones to hand out, and whether one is bound. */
public final class UdpPorts {
    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private UdpPorts() {
    }

    /**
     * A UDP port on 127.0.0.1 that was free a moment ago. The kernel picks it; the same port is
     * never handed out twice by this JVM, so the UAC, the proxy and the UAS of one test cannot
     * collide with each other (another program may still take it in between: rare on loopback).
     */
    public static synchronized int free() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port;
            try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                port = socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot bind a UDP socket on 127.0.0.1", e);
            }
            if (HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no new free UDP port on 127.0.0.1 after 50 attempts");
    }

    /**
     * Whether some socket on this machine is bound to the UDP port (any address), from
     * /proc/net/udp and /proc/net/udp6. Used to wait until SIPp listens without binding the port
     * ourselves, which would race with it.
     */
    public static boolean isBound(int port) {
        return inTable(port, List.of(Path.of("/proc/net/udp"), Path.of("/proc/net/udp6")), null);
    }

    /** Whether a TCP socket on this machine listens on the port (state 0A in /proc/net/tcp, tcp6). */
    public static boolean isTcpListening(int port) {
        return inTable(port, List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6")), "0A");
    }

    private static boolean inTable(int port, List<Path> tables, String state) {
        String suffix = String.format(Locale.ROOT, ":%04X", port);
        for (Path table : tables) {
            if (!Files.isReadable(table)) {
                continue;
            }
            try {
                for (String line : Files.readAllLines(table)) {
                    String[] fields = line.trim().split("\\s+");
                    // "sl local_address rem_address ...": local_address is HEXIP:HEXPORT
                    if (fields.length > 3 && fields[1].endsWith(suffix) && (state == null || fields[3].equals(state))) {
                        return true;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + table, e);
            }
        }
        return false;
    }
}
