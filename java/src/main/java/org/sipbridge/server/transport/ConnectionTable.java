package org.sipbridge.server.transport;

import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * The open TCP connections, by id (for replies) and by remote address (for reuse).
 *
 * <p>An id is a slot index in its low {@value #SLOT_BITS} bits and a serial number above,
 * so finding a connection by id is one array read with no boxing, and an id never names a
 * later connection that reuses the slot. Ids are never 0 (0 means UDP in ReceiveInfo).
 * Adding and removing take the table's lock (once per connection); lookups take none. Who
 * opens a connection holds the lock too, so two threads never open two to one destination.
 */
final class ConnectionTable {
    static final int SLOT_BITS = 20;
    static final int MAX_CAPACITY = 1 << SLOT_BITS;
    private static final long SLOT_MASK = MAX_CAPACITY - 1;

    private final AtomicReferenceArray<TcpConnection> slots;
    private final ConcurrentHashMap<InetSocketAddress, TcpConnection> byRemote = new ConcurrentHashMap<>();
    private final int[] freeSlots; // a stack; guarded by this
    private int freeCount;         // guarded by this
    private long serial;           // guarded by this

    ConnectionTable(int capacity) {
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("connection table capacity " + capacity);
        }
        slots = new AtomicReferenceArray<>(capacity);
        freeSlots = new int[capacity];
        for (int i = 0; i < capacity; i++) {
            freeSlots[i] = capacity - 1 - i; // slot 0 is taken first
        }
        freeCount = capacity;
    }

    /** Gives the connection its id and a slot; false when the table is full. */
    synchronized boolean add(TcpConnection c) {
        if (freeCount == 0) {
            return false;
        }
        int slot = freeSlots[--freeCount];
        c.id = (++serial << SLOT_BITS) | slot;
        slots.set(slot, c);
        return true;
    }

    /** Makes {@code c} the connection that sends to its remote address reuse. */
    void publishRemote(TcpConnection c) {
        byRemote.put(c.remote, c);
    }

    /** Forgets the connection (idempotent). */
    synchronized void remove(TcpConnection c) {
        long id = c.id;
        if (id != 0) {
            int slot = (int) (id & SLOT_MASK);
            if (slots.get(slot) == c) {
                slots.set(slot, null);
                freeSlots[freeCount++] = slot;
            }
        }
        byRemote.remove(c.remote, c);
    }

    /** The open connection with this id, or null. */
    TcpConnection get(long id) {
        if (id <= 0) {
            return null;
        }
        int slot = (int) (id & SLOT_MASK);
        if (slot >= slots.length()) {
            return null;
        }
        TcpConnection c = slots.get(slot);
        return c != null && c.id == id ? c : null;
    }

    /** The usable connection sends to {@code remote} reuse, or null. */
    TcpConnection usableTo(InetSocketAddress remote) {
        TcpConnection c = byRemote.get(remote);
        return c != null && c.usable() ? c : null;
    }

    void forEach(Consumer<TcpConnection> action) {
        for (int i = 0; i < slots.length(); i++) {
            TcpConnection c = slots.get(i);
            if (c != null) {
                action.accept(c);
            }
        }
    }

    synchronized int size() {
        return slots.length() - freeCount;
    }
}
