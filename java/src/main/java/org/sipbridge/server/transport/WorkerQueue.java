package org.sipbridge.server.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.sipbridge.core.ReceiveInfo;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded multi-producer, single-consumer ring of preallocated slots (D. Vyukov's bounded
 * queue): a message and its ReceiveInfo are written into a slot, so queueing allocates
 * nothing. Each slot's sequence number says whose turn it is: {@code pos} free for the
 * producer claiming position pos, {@code pos + 1} filled for the consumer.
 *
 * <p>The producer's publishing store and the consumer's read of a slot are volatile (not just
 * release/acquire): with the worker's "parked" flag they form the store-then-load handshake
 * that {@link Worker} relies on to never sleep on a non-empty queue. Freeing a slot only needs
 * release.
 */
final class WorkerQueue {
    static final class Slot {
        volatile long sequence;
        ByteBuf data;
        ReceiveInfo info;
        /** The slot's own bytes for messages up to {@link #INLINE_BYTES} (null: none, see INLINE_BUDGET). */
        private ByteBuf own;

        /** Whether data is the slot's own buffer (not released; the slot is freed after handling). */
        boolean owns(ByteBuf data) {
            return data != null && data == own;
        }
    }

    /**
     * Messages up to this size are copied into the slot's own buffer, so queueing allocates
     * nothing (a pooled buffer per message, released by the worker, made Netty's recycler
     * allocate on every return to the receiving thread). The size of an Ethernet MTU: SIP
     * over UDP stays below it (RFC 3261 18.1.1); larger messages take a pooled copy.
     */
    static final int INLINE_BYTES = 1536;
    /**
     * Heap for the slots' own buffers of one server, all workers together (allocated when the
     * queues are made): 6 MiB per worker of 4096 slots, so up to 5 workers get a buffer in
     * every slot; with more workers only the first slots of each ring have one (the others
     * take pooled copies), so memory stays bounded whatever {@code children} says.
     */
    static final long INLINE_BUDGET = 32L << 20;

    private static final VarHandle SEQUENCE;

    static {
        try {
            SEQUENCE = MethodHandles.lookup().findVarHandle(Slot.class, "sequence", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Slot[] slots;
    private final int mask;
    private final AtomicLong tail = new AtomicLong(); // next position producers claim
    private long head; // next position the consumer reads; consumer thread only

    WorkerQueue(int capacity) {
        this(capacity, 0);
    }

    /** A queue whose first {@code inlineSlots} slots have their own buffer for small messages. */
    WorkerQueue(int capacity, int inlineSlots) {
        int size = capacity <= 2 ? 2 : Integer.highestOneBit(capacity - 1) << 1; // 2 at least: see offer()
        slots = new Slot[size];
        mask = size - 1;
        for (int i = 0; i < size; i++) {
            slots[i] = new Slot();
            slots[i].sequence = i;
            if (i < inlineSlots) {
                slots[i].own = Unpooled.wrappedBuffer(new byte[INLINE_BYTES]);
            }
        }
    }

    /** How many slots of a ring of capacity get their own buffer when workers queues share the budget. */
    static int inlineSlots(int capacity, int workers) {
        return (int) Math.min(capacity, INLINE_BUDGET / ((long) Math.max(1, workers) * INLINE_BYTES));
    }

    int capacity() {
        return slots.length;
    }

    /** Any thread: queues the pair, or returns false at once when the queue is full. */
    boolean offer(ByteBuf data, ReceiveInfo info) {
        long pos = claim();
        if (pos < 0) {
            return false;
        }
        Slot slot = slots[(int) pos & mask];
        slot.data = data;
        slot.info = info;
        slot.sequence = pos + 1;
        return true;
    }

    /**
     * Any thread: queues a copy of bytes[0, length) (in the slot's own buffer, or a pooled
     * one from alloc when larger than {@link #INLINE_BYTES} or the slot has none), or returns false at once when
     * the queue is full.
     */
    boolean offer(byte[] bytes, int length, ReceiveInfo info, ByteBufAllocator alloc) {
        long pos = claim();
        if (pos < 0) {
            return false;
        }
        Slot slot = slots[(int) pos & mask];
        ByteBuf data;
        if (length <= INLINE_BYTES && slot.own != null) {
            data = slot.own;
            data.setBytes(0, bytes, 0, length);
            data.setIndex(0, length);
        } else {
            data = alloc.directBuffer(length, length);
            data.writeBytes(bytes, 0, length);
        }
        slot.data = data;
        slot.info = info;
        slot.sequence = pos + 1;
        return true;
    }

    /**
     * Any thread: queues a copy of src's bytes [index, index + length) (a worker handing over a
     * message it read itself, see {@link Worker}), like {@link #offer(byte[], int, ReceiveInfo,
     * ByteBufAllocator)}; false at once when the queue is full.
     */
    boolean offer(ByteBuf src, int index, int length, ReceiveInfo info, ByteBufAllocator alloc) {
        long pos = claim();
        if (pos < 0) {
            return false;
        }
        Slot slot = slots[(int) pos & mask];
        ByteBuf data;
        if (length <= INLINE_BYTES && slot.own != null) {
            data = slot.own;
            data.setBytes(0, src, index, length);
            data.setIndex(0, length);
        } else {
            data = alloc.directBuffer(length, length);
            data.writeBytes(src, index, length);
        }
        slot.data = data;
        slot.info = info;
        slot.sequence = pos + 1;
        return true;
    }

    /** A free position claimed for the caller, or -1 when the queue is full. */
    private long claim() {
        long pos = tail.get();
        while (true) {
            Slot slot = slots[(int) pos & mask];
            long lag = slot.sequence - pos;
            if (lag == 0) {
                if (tail.compareAndSet(pos, pos + 1)) {
                    return pos;
                }
                pos = tail.get();
            } else if (lag < 0) {
                return -1; // the slot still holds a message from one lap ago: full
            } else {
                pos = tail.get(); // another producer took this position
            }
        }
    }

    /** Consumer only: the next filled slot, or null. Read it, then call {@link #consumed}. */
    Slot peek() {
        Slot slot = slots[(int) head & mask];
        return slot.sequence == head + 1 ? slot : null; // a volatile read: see Worker on parking
    }

    /** Consumer only: frees the slot returned by {@link #peek} for producers. */
    void consumed(Slot slot) {
        slot.data = null;
        slot.info = null;
        SEQUENCE.setRelease(slot, head + slots.length);
        head++;
    }

    /**
     * Messages queued, read from another thread (once producers are gone): exact when the
     * consumer is not moving (a stuck worker), approximate otherwise.
     */
    int sizeApprox() {
        return (int) Math.max(0, tail.get() - head);
    }

    /** Any thread, for management: about how many messages wait (head is read racily). */
    long depth() {
        long d = tail.get() - head;
        return d < 0 ? 0 : Math.min(d, slots.length);
    }

    /** Consumer only (or once producers are gone). */
    boolean isEmpty() {
        return peek() == null;
    }
}
