package org.sipbridge.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A UDP socket on 127.0.0.1 playing a SIP client or server in a test: send text, receive text. */
public final class UdpPeer implements AutoCloseable {
    private final DatagramSocket socket;
    private volatile InetSocketAddress lastSource;

    public UdpPeer() {
        try {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return socket.getLocalPort();
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port());
    }

    /** Sends text (LF line ends turned into CRLF unless it already has CRLFs). */
    public void send(InetSocketAddress to, String text) {
        byte[] b = (text.contains("\r\n") ? text : text.replace("\n", "\r\n")).getBytes(StandardCharsets.UTF_8);
        try {
            socket.send(new DatagramPacket(b, b.length, to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next datagram as text, or null when none arrives within timeoutMillis. */
    public String receive(int timeoutMillis) {
        byte[] b = new byte[65536];
        DatagramPacket p = new DatagramPacket(b, b.length);
        try {
            socket.setSoTimeout(timeoutMillis);
            socket.receive(p);
            lastSource = (InetSocketAddress) p.getSocketAddress();
            return new String(b, 0, p.getLength(), StandardCharsets.UTF_8);
        } catch (SocketTimeoutException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next datagram; fails the test when none arrives within 2 s. */
    public String expect() {
        String s = receive(2000);
        if (s == null) {
            throw new AssertionError("nothing received on udp:127.0.0.1:" + port() + " within 2 s");
        }
        return s;
    }

    /** Where the last datagram {@link #receive} returned came from. */
    public InetSocketAddress lastSource() {
        return lastSource;
    }

    @Override
    public void close() {
        socket.close();
    }
}
