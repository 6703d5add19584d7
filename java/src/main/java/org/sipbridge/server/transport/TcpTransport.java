package org.sipbridge.server.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.ScheduledFuture;
import org.sipbridge.core.Proto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Everything TCP: the listening sockets, the connection table, opening connections for
 * sends, writing with a bound on what may queue per connection, and the idle timeout.
 */
final class TcpTransport {
    private static final Logger log = LoggerFactory.getLogger(TcpTransport.class);
    /** Sends that may wait for one outbound connection to be established. */
    static final int MAX_WAITING_FOR_CONNECT = 256;

    final ConnectionTable table;
    private final TransportConfig config;
    private final IoKind kind;
    private final EventLoopGroup group;
    private final Inbound inbound;
    private final Counters counters;
    private final List<Channel> serverChannels = new ArrayList<>();
    private final List<InetSocketAddress> bound = new ArrayList<>();
    private final List<InetSocketAddress> localBinds = new ArrayList<>();
    private final Bootstrap connector;
    private final RateLimitedLog refusedLog = new RateLimitedLog();
    private final RateLimitedLog connectLog = new RateLimitedLog();
    private final RateLimitedLog overloadLog = new RateLimitedLog();
    private final RateLimitedLog errorLog = new RateLimitedLog();
    private final RateLimitedLog slowLog = new RateLimitedLog();
    private ScheduledFuture<?> idleSweep;

    TcpTransport(TransportConfig config, IoKind kind, EventLoopGroup group, Inbound inbound, Counters counters) {
        this.config = config;
        this.kind = kind;
        this.group = group;
        this.inbound = inbound;
        this.counters = counters;
        this.table = new ConnectionTable(config.tcpMaxConnections());
        this.connector = new Bootstrap().group(group).channel(kind.socketChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS,
                        (int) Math.min(Integer.MAX_VALUE, config.tcpConnectTimeout().toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark());
    }

    private WriteBufferWaterMark waterMark() {
        return new WriteBufferWaterMark(config.writeHighWaterMark() / 2, config.writeHighWaterMark());
    }

    /** Binds a listening socket; accepting starts with {@link #startReading}. */
    void bind(InetSocketAddress address) throws TransportException {
        ChannelFuture f = new ServerBootstrap().group(group).channel(kind.serverChannel())
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark())
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        accepted(ch);
                    }
                })
                .bind(address).awaitUninterruptibly();
        if (!f.isSuccess()) {
            throw new TransportException("cannot bind " + Names.endpoint(Proto.TCP, address) + ": "
                    + BindErrors.explain(f.cause()), f.cause());
        }
        serverChannels.add(f.channel());
        bound.add((InetSocketAddress) f.channel().localAddress());
        localBinds.add(new InetSocketAddress(address.getAddress(), 0));
    }

    List<InetSocketAddress> boundAddresses() {
        return List.copyOf(bound);
    }

    void startReading() {
        for (Channel ch : serverChannels) {
            ch.config().setAutoRead(true);
        }
        long period = Math.max(50, Math.min(1000, Math.min(config.tcpIdleTimeout().toMillis(),
                config.tcpMessageTimeout().toMillis()) / 4));
        idleSweep = group.next().scheduleAtFixedRate(this::closeIdle, period, period, TimeUnit.MILLISECONDS);
    }

    /** Stop: no new connections, no more reading; writing (replies of queued messages) goes on. */
    void stopReading() {
        for (Channel ch : serverChannels) {
            ch.close().awaitUninterruptibly();
        }
        table.forEach(c -> {
            Channel ch = c.channel();
            if (ch != null) {
                ch.config().setAutoRead(false);
            }
        });
    }

    void closeAll() {
        if (idleSweep != null) {
            idleSweep.cancel(false);
        }
        for (Channel ch : serverChannels) {
            ch.close().awaitUninterruptibly();
        }
        table.forEach(TcpConnection::close);
    }

    private void accepted(SocketChannel ch) {
        if (ch.remoteAddress() == null || ch.localAddress() == null) {
            ch.close(); // reset before we got to it
            return;
        }
        TcpConnection c = new TcpConnection(ch.remoteAddress(), false);
        if (!table.add(c)) {
            counters.tcpRefused.increment();
            if (refusedLog.permit()) {
                log.warn("refused TCP connection from {}: {} connections open, the limit{}",
                        Names.address(ch.remoteAddress()), config.tcpMaxConnections(), refusedLog.suppressedNote());
            }
            ch.close();
            return;
        }
        counters.tcpAccepted.increment();
        c.attach(ch, null);
        c.established(ch.localAddress());
        table.publishRemote(c);
        ch.closeFuture().addListener(f -> table.remove(c));
        ch.pipeline().addLast(new TcpStreamHandler(c, this, inbound));
    }

    /** On a connection to {@code destination}: an open one, else a new one. */
    SendResult send(InetSocketAddress destination, ByteBuf data) {
        TcpConnection c = table.usableTo(destination);
        if (c == null) {
            InetSocketAddress localBind = localBindFor(destination);
            if (localBind == null) {
                data.release();
                return SendResult.NO_LISTENER;
            }
            synchronized (table) {
                c = table.usableTo(destination);
                if (c == null) {
                    c = open(destination, localBind);
                }
            }
            if (c == null) {
                data.release();
                return SendResult.NO_CONNECTION;
            }
        }
        return write(c, data);
    }

    /** On the connection with this id only. */
    SendResult sendOn(long connectionId, ByteBuf data) {
        TcpConnection c = table.get(connectionId);
        if (c == null) {
            data.release();
            return SendResult.NO_CONNECTION;
        }
        return write(c, data);
    }

    /** True when {@code connectionId} names an open connection. */
    boolean isOpen(long connectionId) {
        TcpConnection c = table.get(connectionId);
        return c != null && c.usable();
    }

    /**
     * The local address outbound connections to {@code destination} bind: the IP of the first
     * TCP listener of its address family with port 0 (any IP for a wildcard listener); null
     * when there is none (as in OpenSIPS, TCP is sent only with a TCP listener).
     */
    private InetSocketAddress localBindFor(InetSocketAddress destination) {
        for (InetSocketAddress a : localBinds) {
            if (Families.same(a.getAddress(), destination.getAddress())) {
                return a;
            }
        }
        return null;
    }

    /** Runs under the table's lock; never blocks (registration and connect are asynchronous). */
    private TcpConnection open(InetSocketAddress destination, InetSocketAddress localBind) {
        TcpConnection c = new TcpConnection(destination, true);
        if (!table.add(c)) {
            counters.tcpRefused.increment();
            if (refusedLog.permit()) {
                log.warn("cannot open a TCP connection to {}: {} connections open, the limit{}",
                        Names.address(destination), config.tcpMaxConnections(), refusedLog.suppressedNote());
            }
            return null;
        }
        counters.tcpOpened.increment();
        Bootstrap b = connector.clone().handler(new TcpStreamHandler(c, this, inbound));
        ChannelFuture f = localBind.getAddress().isAnyLocalAddress()
                ? b.connect(destination) : b.connect(destination, localBind);
        c.attach(f.channel(), f);
        table.publishRemote(c);
        f.channel().closeFuture().addListener(cf -> table.remove(c));
        f.addListener((ChannelFutureListener) cf -> {
            if (!cf.isSuccess()) {
                counters.sendFailures.increment();
                if (connectLog.permit()) {
                    log.warn("TCP connect to {} failed: {}{}", Names.address(destination),
                            cf.cause() == null ? "cancelled" : cf.cause().getMessage(), connectLog.suppressedNote());
                }
            }
        });
        return c;
    }

    /** Writes on the connection without waiting; the bytes are released whatever happens. */
    SendResult write(TcpConnection c, ByteBuf data) {
        Channel ch = c.channel();
        if (ch == null || !c.usable()) {
            data.release();
            return SendResult.NO_CONNECTION;
        }
        ChannelFuture connect = c.connectFuture();
        if (connect != null && !connect.isDone()) {
            return writeWhenConnected(c, connect, data);
        }
        if (connect != null && !connect.isSuccess()) {
            data.release();
            return SendResult.NO_CONNECTION;
        }
        if (!ch.isWritable()) {
            data.release();
            overloaded(c);
            return SendResult.OVERLOADED;
        }
        c.touch();
        ch.writeAndFlush(data, ch.voidPromise());
        return SendResult.QUEUED;
    }

    /**
     * While connecting, sends wait as listeners of the connect (the connect completes on the
     * event loop, which runs them in order before any later write task it takes).
     */
    private SendResult writeWhenConnected(TcpConnection c, ChannelFuture connect, ByteBuf data) {
        if (c.waitingForConnect.incrementAndGet() > MAX_WAITING_FOR_CONNECT) {
            c.waitingForConnect.decrementAndGet();
            data.release();
            counters.sendOverloaded.increment();
            return SendResult.OVERLOADED;
        }
        connect.addListener((ChannelFutureListener) f -> {
            c.waitingForConnect.decrementAndGet();
            if (f.isSuccess()) {
                c.touch();
                f.channel().writeAndFlush(data, f.channel().voidPromise());
            } else {
                data.release();
                counters.sendFailures.increment();
            }
        });
        return SendResult.QUEUED;
    }

    private void overloaded(TcpConnection c) {
        counters.sendOverloaded.increment();
        if (c.close() && overloadLog.permit()) {
            log.warn("closing TCP connection to {}: more than {} bytes waiting to be written, the peer is not reading"
                    + "{}", Names.address(c.remote), config.writeHighWaterMark(),
                    overloadLog.suppressedNote());
        }
    }

    /** From the stream handler: a read or write error on the socket. */
    void connectionFailed(TcpConnection c, Throwable cause) {
        if (!c.close()) {
            return;
        }
        counters.tcpErrors.increment();
        if (cause instanceof IOException) {
            log.debug("TCP connection with {} failed: {}", Names.address(c.remote), cause.toString());
        } else if (errorLog.permit()) {
            log.warn("TCP connection with {} failed{}", Names.address(c.remote),
                    errorLog.suppressedNote(), cause);
        }
    }

    private void closeIdle() {
        try {
            long now = System.nanoTime();
            long limit = config.tcpIdleTimeout().toNanos();
            long messageLimit = config.tcpMessageTimeout().toNanos();
            table.forEach(c -> {
                if (c.messageSlowerThan(messageLimit, now)) {
                    if (c.close()) {
                        counters.tcpSlowClosed.increment();
                        if (slowLog.permit()) {
                            log.warn("closing TCP connection with {}: a message did not arrive whole within {} s"
                                    + " (tcp_max_msg_time){}", Names.address(c.remote),
                                    config.tcpMessageTimeout().toSeconds(), slowLog.suppressedNote());
                        }
                    }
                } else if (c.idleLongerThan(limit, now) && c.close()) {
                    counters.tcpIdleClosed.increment();
                    log.debug("closing idle TCP connection with {}", Names.address(c.remote));
                }
            });
        } catch (Throwable t) {
            inbound.internalError("TCP idle sweep", t); // a throwing periodic task would stop for good
        }
    }
}
