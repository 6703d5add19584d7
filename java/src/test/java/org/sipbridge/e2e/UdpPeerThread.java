package org.sipbridge.e2e;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A UDP peer on 127.0.0.1 that a SIPp call runs against, with its own thread: every
 * datagram it gets is handed to {@link #handle} as text, for at most 60 s or until closed.
 */
abstract class UdpPeerThread implements AutoCloseable {
    private final DatagramSocket socket;
    private final Thread thread;

    UdpPeerThread(String name) throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setSoTimeout(200);
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
    }

    /** Starts the thread; call once the subclass is constructed. */
    final void start() {
        thread.start();
    }

    final InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", socket.getLocalPort());
    }

    final int port() {
        return socket.getLocalPort();
    }

    /** One datagram, on the peer's thread; an IOException ends the thread. */
    abstract void handle(DatagramPacket packet, String text) throws IOException;

    final void send(String text, SocketAddress to) throws IOException {
        byte[] out = text.getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(out, out.length, to));
    }

    private void run() {
        byte[] b = new byte[65536];
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!socket.isClosed() && System.nanoTime() < end) {
            DatagramPacket p = new DatagramPacket(b, b.length);
            try {
                socket.receive(p);
                handle(p, new String(b, 0, p.getLength(), StandardCharsets.UTF_8));
            } catch (SocketTimeoutException e) {
                // nothing this time; look at the clock and the socket again
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws Exception {
        socket.close();
        thread.join(2000);
    }
}
