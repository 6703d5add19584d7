package org.sipbridge.server.transport;

import io.netty.buffer.ByteBuf;
import org.sipbridge.core.ReceiveInfo;

/**
 * The routing logic, called on a worker thread for every received message. All messages of
 * one Call-ID go to the same worker, in the order they were received from one source.
 */
@FunctionalInterface
public interface MessageHandler {
    /**
     * @param message  the whole message, exactly its readable bytes (a pooled direct buffer,
     *                 so {@code message.internalNioBuffer(message.readerIndex(),
     *                 message.readableBytes())} views it without allocating). The worker
     *                 releases it when this method returns: copy the bytes or {@code retain()}
     *                 to keep them longer. Do not change its indices.
     * @param received where it came from; one instance is shared by every message of a TCP
     *                 connection (and of a UDP source), so keep it freely
     * @param worker   the worker's index, 0..children-1 (its rank is {@code worker + 1})
     */
    void handle(ByteBuf message, ReceiveInfo received, int worker);
}
