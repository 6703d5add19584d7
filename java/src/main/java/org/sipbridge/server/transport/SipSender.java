package org.sipbridge.server.transport;

import io.netty.buffer.ByteBuf;
import org.sipbridge.core.Proto;
import org.sipbridge.core.ReceiveInfo;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * Sending, for the routing layer (any thread; never blocks on the network). A {@code ByteBuf}
 * argument is taken over: it is released whatever the result. A {@code ByteBuffer} argument
 * is copied (its remaining bytes) and left unchanged, so it may be reused at once.
 *
 * <p>UDP goes out from the listening socket, so the source port is the listening port. TCP
 * reuses an open connection to the destination (accepted or opened) and otherwise opens one;
 * bytes sent while it is being opened are written once it is connected.
 */
public interface SipSender {
    /** To {@code destination} over {@code proto}, from the first listener of its address family. */
    SendResult send(Proto proto, InetSocketAddress destination, ByteBuf data);

    SendResult send(Proto proto, InetSocketAddress destination, ByteBuffer data);

    /** Resolves {@code host} (cached, see {@link #resolve}) then sends; UNRESOLVED if it does not resolve. */
    SendResult send(Proto proto, String host, int port, ByteBuffer data);

    /** On one TCP connection only (NO_CONNECTION once it is closed). */
    SendResult sendOnConnection(long connectionId, ByteBuf data);

    SendResult sendOnConnection(long connectionId, ByteBuffer data);

    /**
     * Back to where a message came from: UDP from the socket it arrived on, TCP on its
     * connection while it is open, else on a connection to its source address.
     */
    SendResult reply(ReceiveInfo received, ByteBuf data);

    SendResult reply(ReceiveInfo received, ByteBuffer data);

    /**
     * The address of {@code host} (an IP literal or a name, via the system resolver; results,
     * also failures, are cached briefly), or null when it does not resolve. May block on DNS
     * for a name not in the cache.
     */
    InetSocketAddress resolve(String host, int port);
}
