package org.sipbridge.server.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.concurrent.FastThreadLocal;
import org.sipbridge.core.Proto;
import org.sipbridge.core.ReceiveInfo;
import org.sipbridge.sip.CallIdLocator;
import org.sipbridge.sip.SipError;
import org.sipbridge.sip.SipLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * The hand-off from the network threads to the workers, shared by UDP and TCP: each message
 * is copied into its worker's queue slot (so a queued message never pins a 64 KiB receive
 * buffer or a connection's stream buffer) and queued for the worker its Call-ID picks. Also counts and logs, rate-limited, every inbound message that is dropped.
 */
final class Inbound {
    private static final Logger log = LoggerFactory.getLogger(Inbound.class);

    final SipLimits limits;
    final Counters counters;
    private final WorkerPool workers;
    private final RateLimitedLog queueFullLog = new RateLimitedLog();
    private final RateLimitedLog oversizeLog = new RateLimitedLog();
    private final RateLimitedLog brokenLog = new RateLimitedLog();
    private final RateLimitedLog errorLog = new RateLimitedLog();
    /** Per receiving thread: where a message is copied to be hashed (see deliver). */
    private final FastThreadLocal<ByteBuffer> scratch = new FastThreadLocal<>() {
        @Override
        protected ByteBuffer initialValue() {
            return ByteBuffer.allocate(limits.maxMessageSize() + 1);
        }
    };

    Inbound(WorkerPool workers, SipLimits limits, Counters counters) {
        this.workers = workers;
        this.limits = limits;
        this.counters = counters;
    }

    /**
     * Copies {@code [index, index + length)} of {@code src} and queues it; drops it when the
     * queue is full. The bytes go first into this thread's scratch array (the Call-ID is
     * hashed there: a view of a pooled buffer would be a new ByteBuffer per message), then
     * into the worker's queue slot (see {@link WorkerQueue}); nothing is allocated.
     */
    void deliver(ByteBufAllocator alloc, ByteBuf src, int index, int length, ReceiveInfo info) {
        ByteBuffer scratch = scratch(length);
        byte[] bytes = scratch.array();
        src.getBytes(index, bytes, 0, length);
        int callId = CallIdLocator.hash(scratch, 0, length);
        counters.received.increment(); // before the hand-off: a worker may finish it before we go on
        if (workers.dispatch(callId, bytes, length, info, alloc)) {
            return;
        }
        counters.received.decrement();
        counters.droppedQueueFull.increment();
        if (queueFullLog.permit()) {
            log.warn("dropped a message from {} to {}: worker {} queue is full{}",
                    Names.endpoint(info.proto(), info.source()), Names.address(info.local()),
                    workers.workerFor(callId, info.source()) + 1, queueFullLog.suppressedNote());
        }
    }

    /**
     * A worker that read a message itself ({@code udp_receive_mode = inline}) hands it to the
     * worker its Call-ID belongs to: copied into that worker's queue slot, counted as received;
     * dropped and counted when that queue is full.
     */
    void handOff(int owner, ByteBuf src, int length, ReceiveInfo info) {
        counters.received.increment();
        if (workers.offerTo(owner, src, length, info)) {
            return;
        }
        counters.received.decrement();
        counters.droppedQueueFull.increment();
        if (queueFullLog.permit()) {
            log.warn("dropped a message from {} to {}: worker {} queue is full{}",
                    Names.endpoint(info.proto(), info.source()), Names.address(info.local()), owner + 1,
                    queueFullLog.suppressedNote());
        }
    }

    /** The calling thread's scratch (a receiving thread's, or a module's that injects), at least length bytes. */
    private ByteBuffer scratch(int length) {
        ByteBuffer b = scratch.get();
        if (b.capacity() < length) {
            b = ByteBuffer.allocate(Math.max(length, limits.maxMessageSize() + 1));
            scratch.set(b);
        }
        return b;
    }

    void oversize(Proto proto, InetSocketAddress source, InetSocketAddress local, int length) {
        counters.droppedOversize.increment();
        if (oversizeLog.permit()) {
            log.warn("dropped a message from {} to {}: {} bytes or more, the limit is {}{}",
                    Names.endpoint(proto, source), Names.address(local), length, limits.maxMessageSize(),
                    oversizeLog.suppressedNote());
        }
    }

    /** A stream that cannot be cut into messages; the caller closes the connection. */
    void brokenStream(InetSocketAddress source, InetSocketAddress local, SipError reason) {
        if (reason == SipError.MESSAGE_TOO_LARGE) {
            counters.droppedOversize.increment();
        } else {
            counters.brokenStreams.increment();
        }
        if (brokenLog.permit()) {
            log.warn("closing TCP connection with {} (local {}): {}{}",
                    Names.address(source), Names.address(local), describe(reason), brokenLog.suppressedNote());
        }
    }

    /** An exception where none was expected (a bug): counted and logged, never rethrown. */
    void internalError(String where, Throwable t) {
        counters.internalErrors.increment();
        if (errorLog.permit()) {
            log.error("{}: unexpected error{}", where, errorLog.suppressedNote(), t);
        }
    }

    private String describe(SipError reason) {
        return reason == SipError.MESSAGE_TOO_LARGE
                ? "message larger than " + limits.maxMessageSize() + " bytes"
                : reason.reason();
    }

    /**
     * A ByteBuffer over {@code [index, index + length)} starting at its position; the buffer's
     * own cached view when it has one (no allocation), valid until the next call on it.
     */
    static ByteBuffer view(ByteBuf buf, int index, int length) {
        return buf.nioBufferCount() == 1 ? buf.internalNioBuffer(index, length) : buf.nioBuffer(index, length);
    }
}
