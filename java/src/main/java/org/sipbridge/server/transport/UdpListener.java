package org.sipbridge.server.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.unix.Socket;
import io.netty.channel.unix.UnixChannelOption;
import org.sipbridge.core.Proto;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code listen=udp:...} address: one or more datagram channels bound to the same port
 * (SO_REUSEPORT; the kernel spreads sources over them by address hash, so one source always
 * reaches the same channel and its datagrams stay in order). They are also the sockets replies
 * and requests leave from, so the source port is the listening port.
 */
final class UdpListener {
    final InetSocketAddress requested;
    private final List<Channel> channels = new ArrayList<>();
    private Channel[] sendChannels = new Channel[0];
    /** The sockets of the epoll channels, for sends from the calling thread; null with NIO. */
    private Socket[] sendSockets;
    private InetSocketAddress bound;

    UdpListener(InetSocketAddress requested) {
        this.requested = requested;
    }

    /** Binds {@code receivers} channels (reading paused until {@link #setReading}). */
    void bind(EventLoopGroup group, IoKind kind, int receivers, TransportConfig config, Inbound inbound)
            throws TransportException {
        Bootstrap b = new Bootstrap().group(group).channel(kind.datagramChannel())
                .option(ChannelOption.AUTO_READ, false)
                // a datagram may be up to the limit; one byte more tells an oversize one apart
                .option(ChannelOption.RCVBUF_ALLOCATOR,
                        new FixedRecvByteBufAllocator(config.limits().maxMessageSize() + 1))
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(config.writeHighWaterMark() / 2, config.writeHighWaterMark()));
        if (config.udpSocketBuffer() > 0) {
            b.option(ChannelOption.SO_RCVBUF, config.udpSocketBuffer())
                    .option(ChannelOption.SO_SNDBUF, config.udpSocketBuffer());
        }
        if (receivers > 1) {
            b.option(UnixChannelOption.SO_REUSEPORT, true);
            probeFree(requested);
        }
        InetSocketAddress address = requested;
        for (int i = 0; i < receivers; i++) {
            // the first bind resolves port 0; the others join the port it got
            ChannelFuture f = b.handler(new UdpReceiveHandler(inbound)).bind(address).awaitUninterruptibly();
            if (!f.isSuccess()) {
                throw new TransportException("cannot bind " + Names.endpoint(Proto.UDP, address)
                        + (i > 0 ? " (receiver " + (i + 1) + ")" : "") + ": " + BindErrors.explain(f.cause()), f.cause());
            }
            channels.add(f.channel());
            if (i == 0) {
                address = (InetSocketAddress) f.channel().localAddress();
                bound = address;
            }
        }
        sendChannels = channels.toArray(new Channel[0]);
        if (channels.get(0) instanceof EpollDatagramChannel) {
            Socket[] sockets = new Socket[channels.size()];
            for (int i = 0; i < sockets.length; i++) {
                sockets[i] = (Socket) ((EpollDatagramChannel) channels.get(i)).fd();
            }
            sendSockets = sockets;
        }
    }

    /**
     * SO_REUSEPORT lets any process of the same user join the port: a second server started
     * on a port the first one serves would bind without an error and take half of its
     * traffic. A plain bind first (closed at once) fails as it should when anyone holds it.
     */
    private static void probeFree(InetSocketAddress address) throws TransportException {
        if (address.getPort() == 0) {
            return;
        }
        try (DatagramChannel probe = DatagramChannel.open(address.getAddress() instanceof java.net.Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET)) {
            probe.bind(address);
        } catch (IOException e) {
            throw new TransportException("cannot bind " + Names.endpoint(Proto.UDP, address) + ": "
                    + BindErrors.explain(e), e);
        }
    }

    InetSocketAddress boundAddress() {
        return bound;
    }

    int receivers() {
        return channels.size();
    }

    /** A channel to send from; spread over the receivers by thread so senders rarely share one. */
    Channel sendChannel() {
        Channel[] all = sendChannels;
        return all.length == 1 ? all[0] : all[(int) (Thread.currentThread().getId() % all.length)];
    }

    /**
     * The socket of {@link #sendChannel()}'s choice for a direct {@code sendto} from the calling
     * thread, or null without epoll. A datagram socket may be written from several threads at
     * once (each sendto is one datagram), also while its event loop writes to it.
     */
    Socket sendSocket() {
        Socket[] all = sendSockets;
        if (all == null) {
            return null;
        }
        return all.length == 1 ? all[0] : all[(int) (Thread.currentThread().getId() % all.length)];
    }

    /** The descriptor of the first receiving socket (epoll), or -1 (NIO). */
    int fd() {
        Socket[] all = sendSockets;
        return all == null ? -1 : all[0].intValue();
    }

    /** The descriptor of receiving socket i (epoll), or -1 (NIO). */
    int fd(int i) {
        Socket[] all = sendSockets;
        return all == null ? -1 : all[i].intValue();
    }

    void setReading(boolean on) {
        for (Channel ch : channels) {
            ch.config().setAutoRead(on);
        }
    }

    void close() {
        for (Channel ch : channels) {
            ch.close().awaitUninterruptibly();
        }
    }
}
