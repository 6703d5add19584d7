package org.sipbridge.server.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The Netty transport in use: native epoll (SO_REUSEPORT, so several UDP receivers share a
 * port) or the portable NIO one, with the reason when epoll was not chosen.
 */
final class IoKind {
    final boolean epoll;
    /** Why NIO is used, or null with epoll. */
    final String fallbackReason;

    private IoKind(boolean epoll, String fallbackReason) {
        this.epoll = epoll;
        this.fallbackReason = fallbackReason;
    }

    static IoKind choose(boolean preferEpoll) {
        if (!preferEpoll) {
            return new IoKind(false, "epoll disabled by configuration");
        }
        if (Epoll.isAvailable()) {
            return new IoKind(true, null);
        }
        Throwable cause = Epoll.unavailabilityCause();
        return new IoKind(false, "native epoll unavailable: " + (cause == null ? "unknown reason" : cause.toString()));
    }

    String name() {
        return epoll ? "epoll" : "nio";
    }

    /** Daemon threads: a server keeps the JVM alive with {@link SipTransport#awaitStopped()}. */
    EventLoopGroup newGroup(int threads, String threadPrefix) {
        DefaultThreadFactory factory = new DefaultThreadFactory(threadPrefix, true);
        return epoll ? new EpollEventLoopGroup(threads, factory) : new NioEventLoopGroup(threads, factory);
    }

    Class<? extends DatagramChannel> datagramChannel() {
        return epoll ? EpollDatagramChannel.class : NioDatagramChannel.class;
    }

    Class<? extends ServerSocketChannel> serverChannel() {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    Class<? extends SocketChannel> socketChannel() {
        return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }
}
