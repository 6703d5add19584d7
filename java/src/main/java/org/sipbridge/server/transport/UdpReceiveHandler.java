package org.sipbridge.server.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import org.sipbridge.core.Proto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;

/**
 * The end of a UDP channel's pipeline: each datagram is one message, handed to its worker.
 * One instance per receiving channel (the ReceiveInfo cache is not shared).
 */
final class UdpReceiveHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(UdpReceiveHandler.class);
    /** Shorter datagrams are NAT keep-alive probes, not SIP (OpenSIPS's MIN_UDP_PACKET). */
    static final int MIN_MESSAGE = 20;

    private final Inbound inbound;
    private final RateLimitedLog sendErrorLog = new RateLimitedLog();
    // set once bound (before reading starts), then used on this channel's event loop only
    private InetSocketAddress local;
    private ReceiveInfoCache infos;
    private int fd = -1;

    UdpReceiveHandler(Inbound inbound) {
        this.inbound = inbound;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        local = (InetSocketAddress) ctx.channel().localAddress();
        infos = new ReceiveInfoCache(Proto.UDP, local);
        if (ctx.channel() instanceof io.netty.channel.epoll.EpollDatagramChannel e) {
            fd = e.fd().intValue();
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof DatagramPacket packet)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        try {
            receive(ctx, packet);
        } catch (Throwable t) {
            inbound.internalError("udp receive on " + Names.address(local), t);
        } finally {
            packet.release();
        }
    }

    private void receive(ChannelHandlerContext ctx, DatagramPacket packet) {
        ByteBuf content = packet.content();
        int length = content.readableBytes();
        if (NonSipDatagrams.offer(content, packet.sender(), local, fd)) {
            return; // a C module's register_udprecv_cb took it (STUN...)
        }
        if (length < MIN_MESSAGE) {
            inbound.counters.keepalives.increment();
            return;
        }
        if (length > inbound.limits.maxMessageSize()) {
            inbound.oversize(Proto.UDP, packet.sender(), local, length);
            return;
        }
        inbound.deliver(ctx.alloc(), content, content.readerIndex(), length, infos.get(packet.sender()));
    }

    /** Write failures of sends (they use the void promise) and socket errors land here. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        inbound.counters.sendFailures.increment();
        if (sendErrorLog.permit()) {
            log.warn("udp:{}: send failed: {}{}", Names.address(local), cause.toString(),
                    sendErrorLog.suppressedNote());
        }
    }
}
