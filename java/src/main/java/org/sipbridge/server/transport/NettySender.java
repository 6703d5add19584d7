package org.sipbridge.server.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import org.sipbridge.core.Proto;
import org.sipbridge.core.ReceiveInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * {@link SipSender} over the bound listeners. Safe from any thread. A UDP send of a direct
 * {@code ByteBuffer} over epoll is written by the calling thread itself ({@link #sendUdpNow});
 * everything else goes through the channel's event loop.
 */
final class NettySender implements SipSender {
    private static final Logger log = LoggerFactory.getLogger(NettySender.class);

    private final UdpListener[] udp;
    private final TcpTransport tcp; // null without a TCP listener
    private final HostResolver resolver;
    private final ByteBufAllocator alloc;
    private final Counters counters;
    private final RateLimitedLog overloadLog = new RateLimitedLog();
    private final RateLimitedLog failureLog = new RateLimitedLog();
    private volatile boolean open;

    NettySender(List<UdpListener> udp, TcpTransport tcp, HostResolver resolver, ByteBufAllocator alloc,
                Counters counters) {
        this.udp = udp.toArray(new UdpListener[0]);
        this.tcp = tcp;
        this.resolver = resolver;
        this.alloc = alloc;
        this.counters = counters;
    }

    void setOpen(boolean open) {
        this.open = open;
    }

    @Override
    public SendResult send(Proto proto, InetSocketAddress destination, ByteBuf data) {
        if (!open) {
            data.release();
            return SendResult.STOPPED;
        }
        if (destination.isUnresolved()) {
            InetSocketAddress resolved = resolver.resolve(destination.getHostString(), destination.getPort());
            if (resolved == null) {
                data.release();
                return SendResult.UNRESOLVED;
            }
            destination = resolved;
        }
        if (proto == Proto.UDP) {
            return sendUdp(udpFor(destination), destination, data);
        }
        if (proto == Proto.TCP && tcp != null) {
            return tcp.send(destination, data);
        }
        data.release();
        return SendResult.NO_LISTENER;
    }

    @Override
    public SendResult send(Proto proto, InetSocketAddress destination, ByteBuffer data) {
        if (proto == Proto.UDP && open && data.isDirect() && !destination.isUnresolved()) {
            UdpListener from = udpFor(destination);
            if (from != null && from.sendSocket() != null) {
                return sendUdpNow(from, destination, data);
            }
        }
        return send(proto, destination, copy(data));
    }

    @Override
    public SendResult send(Proto proto, String host, int port, ByteBuffer data) {
        InetSocketAddress destination = resolver.resolve(host, port);
        return destination == null ? SendResult.UNRESOLVED : send(proto, destination, copy(data));
    }

    @Override
    public SendResult sendOnConnection(long connectionId, ByteBuf data) {
        if (!open) {
            data.release();
            return SendResult.STOPPED;
        }
        if (tcp == null) {
            data.release();
            return SendResult.NO_CONNECTION;
        }
        return tcp.sendOn(connectionId, data);
    }

    @Override
    public SendResult sendOnConnection(long connectionId, ByteBuffer data) {
        return sendOnConnection(connectionId, copy(data));
    }

    @Override
    public SendResult reply(ReceiveInfo received, ByteBuf data) {
        if (!open) {
            data.release();
            return SendResult.STOPPED;
        }
        if (received.proto() == Proto.UDP) {
            UdpListener from = udpAt(received.local());
            return sendUdp(from != null ? from : udpFor(received.source()), received.source(), data);
        }
        if (received.proto() == Proto.TCP && tcp != null) {
            return tcp.isOpen(received.connectionId())
                    ? tcp.sendOn(received.connectionId(), data)
                    : tcp.send(received.source(), data);
        }
        data.release();
        return SendResult.NO_LISTENER;
    }

    @Override
    public SendResult reply(ReceiveInfo received, ByteBuffer data) {
        if (received.proto() == Proto.UDP && open && data.isDirect()) {
            UdpListener from = udpAt(received.local());
            if (from == null) {
                from = udpFor(received.source());
            }
            if (from != null && from.sendSocket() != null) {
                return sendUdpNow(from, received.source(), data);
            }
        }
        return reply(received, copy(data));
    }

    @Override
    public InetSocketAddress resolve(String host, int port) {
        return resolver.resolve(host, port);
    }

    private SendResult sendUdp(UdpListener from, InetSocketAddress destination, ByteBuf data) {
        if (from == null) {
            data.release();
            return SendResult.NO_LISTENER;
        }
        Channel ch = from.sendChannel();
        if (!ch.isWritable()) {
            data.release();
            counters.sendOverloaded.increment();
            if (overloadLog.permit()) {
                log.warn("udp:{}: dropped a message to {}: the socket's send queue is full{}",
                        Names.address(from.boundAddress()), Names.address(destination), overloadLog.suppressedNote());
            }
            return SendResult.OVERLOADED;
        }
        ch.writeAndFlush(new DatagramPacket(data, destination), ch.voidPromise());
        return SendResult.QUEUED;
    }

    /**
     * A datagram from a direct buffer, sent by the calling thread with one sendto on the
     * listener's socket: no copy, no hand-off to the event loop (whose wake-up per message
     * cost more than the rest of a stateless forward). The buffer is left as it was. A full
     * socket buffer drops the datagram (OVERLOADED), as the event loop's high-water mark does.
     */
    private SendResult sendUdpNow(UdpListener from, InetSocketAddress destination, ByteBuffer data) {
        if (NativeUdpSend.available(destination.getAddress(), data)) {
            return sendUdpNative(from, destination, data);
        }
        try {
            int n = from.sendSocket().sendTo(data, data.position(), data.limit(), destination.getAddress(),
                    destination.getPort());
            if (n > 0 || !data.hasRemaining()) {
                return SendResult.QUEUED;
            }
            counters.sendOverloaded.increment();
            if (overloadLog.permit()) {
                log.warn("udp:{}: dropped a message to {}: the socket's send buffer is full{}",
                        Names.address(from.boundAddress()), Names.address(destination), overloadLog.suppressedNote());
            }
            return SendResult.OVERLOADED;
        } catch (IOException e) {
            counters.sendFailures.increment(); // reported like a failure on the event loop: counted, logged
            if (failureLog.permit()) {
                log.warn("udp:{}: sending to {} failed: {}{}", Names.address(from.boundAddress()),
                        Names.address(destination), e.getMessage(), failureLog.suppressedNote());
            }
            return SendResult.QUEUED;
        }
    }

    /** {@link #sendUdpNow} to IPv4 through the core library: same result, no allocation. */
    private SendResult sendUdpNative(UdpListener from, InetSocketAddress destination, ByteBuffer data) {
        long n = NativeUdpSend.send(from.sendSocket().intValue(), data, destination.getAddress(), destination.getPort());
        if (n >= 0) {
            return SendResult.QUEUED;
        }
        if (n == -NativeUdpSend.EAGAIN) {
            counters.sendOverloaded.increment();
            if (overloadLog.permit()) {
                log.warn("udp:{}: dropped a message to {}: the socket's send buffer is full{}",
                        Names.address(from.boundAddress()), Names.address(destination), overloadLog.suppressedNote());
            }
            return SendResult.OVERLOADED;
        }
        counters.sendFailures.increment(); // as a failure on the event loop: counted, logged
        if (failureLog.permit()) {
            log.warn("udp:{}: sending to {} failed: errno {}{}", Names.address(from.boundAddress()),
                    Names.address(destination), -n, failureLog.suppressedNote());
        }
        return SendResult.QUEUED;
    }

    /** The first UDP listener of the destination's address family. */
    private UdpListener udpFor(InetSocketAddress destination) {
        for (UdpListener l : udp) {
            if (Families.same(l.boundAddress().getAddress(), destination.getAddress())) {
                return l;
            }
        }
        return null;
    }

    /** The UDP listener bound to exactly {@code local}. */
    private UdpListener udpAt(InetSocketAddress local) {
        for (UdpListener l : udp) {
            if (l.boundAddress().equals(local)) {
                return l;
            }
        }
        return null;
    }

    /** The remaining bytes of {@code src} in a pooled buffer; {@code src} is left as it was. */
    private ByteBuf copy(ByteBuffer src) {
        ByteBuf buf = alloc.directBuffer(src.remaining());
        int position = src.position();
        buf.writeBytes(src);
        src.position(position);
        return buf;
    }
}
