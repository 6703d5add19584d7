package org.sipbridge.server.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.sipbridge.sip.StreamFramer;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * Cuts one TCP connection's byte stream into SIP messages with the parser's StreamFramer
 * (Content-Length framing) and hands each to its worker. CRLF keep-alives are skipped and a
 * double-CRLF ping gets a CRLF pong (RFC 5626 3.5.1). A stream that cannot be framed (no or
 * bad Content-Length, message over the size limit) is closed.
 *
 * <p>Bytes of an incomplete message are kept in {@code pending}: the first read buffer itself
 * when it holds the whole remainder, else a buffer the rest is appended to. Its size stays
 * bounded because the framer reports BROKEN once a message outgrows the limit.
 */
final class TcpStreamHandler extends ChannelInboundHandlerAdapter {
    private static final byte[] PONG = {'\r', '\n'};

    private final TcpConnection connection;
    private final TcpTransport tcp;
    private final Inbound inbound;
    private final StreamFramer framer;
    private ByteBuf pending;
    private boolean broken;

    TcpStreamHandler(TcpConnection connection, TcpTransport tcp, Inbound inbound) {
        this.connection = connection;
        this.tcp = tcp;
        this.inbound = inbound;
        this.framer = new StreamFramer(inbound.limits);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (connection.info() == null) { // an opened connection: now the local address is known
            connection.established((InetSocketAddress) ctx.channel().localAddress());
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in) || broken) {
            ReferenceCountUtil.release(msg);
            return;
        }
        connection.touch();
        try {
            append(in);
            frameAll(ctx);
        } catch (Throwable t) {
            inbound.internalError("tcp receive from " + Names.address(connection.remote), t);
            discard();
            connection.close();
        }
    }

    /** Takes over {@code in}. */
    private void append(ByteBuf in) {
        if (pending == null) {
            pending = in;
            return;
        }
        try {
            if (pending.readerIndex() > 0) {
                pending.discardReadBytes(); // the framer works relative to the message start
            }
            pending.writeBytes(in);
        } finally {
            in.release();
        }
    }

    private void frameAll(ChannelHandlerContext ctx) {
        while (pending.isReadable()) {
            int start = pending.readerIndex();
            int available = pending.readableBytes();
            ByteBuffer view = Inbound.view(pending, start, available);
            switch (framer.frame(view, view.position(), available)) {
                case NEED_MORE:
                    connection.messageUnderway(System.nanoTime()); // tcp_max_msg_time runs from its first byte
                    return;
                case KEEPALIVE:
                    inbound.counters.keepalives.increment();
                    if (framer.pongRequested()) {
                        ctx.writeAndFlush(ctx.alloc().buffer(PONG.length).writeBytes(PONG), ctx.voidPromise());
                    }
                    pending.skipBytes(framer.length());
                    connection.betweenMessages();
                    break;
                case MESSAGE:
                    int length = framer.length();
                    inbound.deliver(ctx.alloc(), pending, start, length, connection.info());
                    pending.skipBytes(length);
                    connection.betweenMessages();
                    break;
                case BROKEN:
                    broken = true;
                    inbound.brokenStream(connection.remote, connection.info().local(), framer.error());
                    discard();
                    connection.close();
                    return;
            }
        }
        discard(); // all consumed
        connection.betweenMessages();
    }

    private void discard() {
        if (pending != null) {
            pending.release();
            pending = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        discard();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        discard();
    }

    /** Socket errors (reset by peer, failed writes): the connection is of no further use. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        tcp.connectionFailed(connection, cause);
    }
}
