package org.sipbridge.server.transport;

import io.netty.buffer.ByteBuf;
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
    }

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
        int size = capacity <= 2 ? 2 : Integer.highestOneBit(capacity - 1) << 1; // 2 at least: see offer()
        slots = new Slot[size];
        mask = size - 1;
        for (int i = 0; i < size; i++) {
            slots[i] = new Slot();
            slots[i].sequence = i;
        }
    }

    int capacity() {
        return slots.length;
    }

    /** Any thread: queues the pair, or returns false at once when the queue is full. */
    boolean offer(ByteBuf data, ReceiveInfo info) {
        long pos = tail.get();
        Slot slot;
        while (true) {
            slot = slots[(int) pos & mask];
            long seq = slot.sequence;
            long lag = seq - pos;
            if (lag == 0) {
                if (tail.compareAndSet(pos, pos + 1)) {
                    break;
                }
                pos = tail.get();
            } else if (lag < 0) {
                return false; // the slot still holds a message from one lap ago: full
            } else {
                pos = tail.get(); // another producer took this position
            }
        }
        slot.data = data;
        slot.info = info;
        slot.sequence = pos + 1;
        return true;
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
