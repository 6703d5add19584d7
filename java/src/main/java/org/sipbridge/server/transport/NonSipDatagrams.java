package org.sipbridge.server.transport;

import io.netty.buffer.ByteBuf;

import java.net.InetSocketAddress;

/**
 * Datagrams on a SIP port that are not SIP (STUN binding requests...): when a handler is
 * installed (C modules registered register_udprecv_cb), every datagram whose first byte is
 * not a letter is offered to it first, on the receiving thread, and goes no further when it
 * is claimed. Without a handler the receive path pays one volatile read.
 */
public final class NonSipDatagrams {
    /** Claims a datagram (content's readable bytes), or leaves it to the SIP path. */
    public interface Handler {
        boolean claim(ByteBuf content, InetSocketAddress source, InetSocketAddress local, int fd);
    }

    private static volatile Handler handler;

    private NonSipDatagrams() {
    }

    public static void install(Handler h) {
        handler = h;
    }

    static boolean offer(ByteBuf content, InetSocketAddress source, InetSocketAddress local, int fd) {
        Handler h = handler;
        if (h == null || content.readableBytes() < 2) {
            return false;
        }
        byte first = content.getByte(content.readerIndex());
        if ((first >= 'A' && first <= 'Z') || (first >= 'a' && first <= 'z')) {
            return false;
        }
        return h.claim(content, source, local, fd);
    }
}
