package org.sipbridge.server.transport;

import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.socket.InternetProtocolFamily;
import io.netty.channel.unix.Socket;
import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The allocation-free UDP send: the IPv4 number it relies on, and a real datagram over loopback. */
class NativeUdpSendTest {
    @Test
    void anInet4AddressHashCodeIsItsAddressAsAnInt() throws Exception {
        for (String ip : new String[] {"127.0.0.1", "10.1.2.3", "192.168.255.254", "255.255.255.255", "0.0.0.0",
                "128.0.0.1"}) {
            byte[] b = InetAddress.getByName(ip).getAddress();
            int expected = (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
            assertEquals(expected, NativeUdpSend.ipv4(InetAddress.getByName(ip)), ip);
        }
    }

    @Test
    void sendsOneDatagramFromAnIpv4OrADualStackSocketAndLeavesTheBufferAsItWas() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(io.netty.channel.epoll.Epoll.isAvailable(), "epoll");
        for (InternetProtocolFamily family : InternetProtocolFamily.values()) {
            EpollDatagramChannel channel;
            try {
                channel = new EpollDatagramChannel(family);
            } catch (RuntimeException e) {
                continue; // no IPv6 on this host
            }
            Socket sender = (Socket) channel.fd();
            try (DatagramSocket receiver = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                byte[] text = ("OPTIONS sip:" + family + " SIP/2.0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
                ByteBuffer data = ByteBuffer.allocateDirect(64);
                data.put(new byte[3]).put(text).flip().position(3);
                assertTrue(NativeUdpSend.available(InetAddress.getLoopbackAddress(), data), "core library loaded");
                long n = NativeUdpSend.send(sender.intValue(), data, InetAddress.getLoopbackAddress(),
                        receiver.getLocalPort());
                assertEquals(text.length, n, family.toString());
                assertEquals(3, data.position());
                receiver.setSoTimeout(2000);
                DatagramPacket p = new DatagramPacket(new byte[100], 100);
                receiver.receive(p);
                assertEquals(new String(text, StandardCharsets.US_ASCII),
                        new String(p.getData(), 0, p.getLength(), StandardCharsets.US_ASCII));
                assertEquals(((InetSocketAddress) sender.localAddress()).getPort(), p.getPort(), "sent from that socket");
            } finally {
                sender.close();
            }
        }
        assertFalse(NativeUdpSend.available(InetAddress.getByName("::1"), ByteBuffer.allocateDirect(4)),
                "IPv6 goes through Netty");
        assertFalse(NativeUdpSend.available(InetAddress.getLoopbackAddress(), ByteBuffer.allocate(4)),
                "a heap buffer goes through Netty");
    }
}
