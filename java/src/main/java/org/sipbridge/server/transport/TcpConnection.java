package org.sipbridge.server.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import org.sipbridge.core.Proto;
import org.sipbridge.core.ReceiveInfo;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One TCP connection, accepted or opened: its id, channel, the ReceiveInfo every message on
 * it shares, and when it last carried traffic (for the idle timeout).
 */
final class TcpConnection {
    final InetSocketAddress remote;
    final boolean outbound;
    /** Set by {@link ConnectionTable#add}; 0 until then. */
    volatile long id;
    /** Sends waiting for an outbound connection to be established (bounded). */
    final AtomicInteger waitingForConnect = new AtomicInteger();

    private volatile Channel channel;
    private volatile ChannelFuture connectFuture;
    private volatile ReceiveInfo info;
    private volatile long lastActivityNanos = System.nanoTime();
    /** When the first byte of the message being received arrived; 0 between messages. */
    private volatile long messageStartNanos;
    private final AtomicBoolean closing = new AtomicBoolean();

    TcpConnection(InetSocketAddress remote, boolean outbound) {
        this.remote = remote;
        this.outbound = outbound;
    }

    /** @param connectFuture the outbound connect, null for an accepted connection */
    void attach(Channel ch, ChannelFuture connectFuture) {
        this.connectFuture = connectFuture;
        this.channel = ch;
    }

    /** Once the local address is known (accepted, or connected): the info its messages carry. */
    void established(InetSocketAddress local) {
        info = new ReceiveInfo(Proto.TCP, remote, local, id);
        touch();
    }

    Channel channel() {
        return channel;
    }

    /** Null for an accepted connection. */
    ChannelFuture connectFuture() {
        return connectFuture;
    }

    ReceiveInfo info() {
        return info;
    }

    /** Open (or being opened) and not being closed by us. */
    boolean usable() {
        Channel ch = channel;
        return ch != null && ch.isOpen() && !closing.get();
    }

    void touch() {
        lastActivityNanos = System.nanoTime();
    }

    /** Bytes of a message are pending: its clock starts with the first of them (once). */
    void messageUnderway(long now) {
        if (messageStartNanos == 0) {
            messageStartNanos = now == 0 ? 1 : now;
        }
    }

    /** No partial message pending. */
    void betweenMessages() {
        messageStartNanos = 0;
    }

    /** A message has been arriving for longer than nanos (a slow sender). */
    boolean messageSlowerThan(long nanos, long now) {
        long start = messageStartNanos;
        return start != 0 && now - start > nanos;
    }

    boolean idleLongerThan(long nanos, long now) {
        return now - lastActivityNanos > nanos;
    }

    /** Closes the connection; true for the first caller only (so a close is counted once). */
    boolean close() {
        if (!closing.compareAndSet(false, true)) {
            return false;
        }
        Channel ch = channel;
        if (ch != null) {
            ch.close();
        }
        return true;
    }
}
