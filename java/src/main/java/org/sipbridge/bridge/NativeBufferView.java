package org.sipbridge.bridge;

import com.sun.jna.Pointer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A C buffer seen as a direct ByteBuffer, kept while C hands the same buffer again, so an
 * upcall that reads or fills it allocates no wrapper. One per thread (not thread-safe): the
 * DB and cachedb upcalls keep it in a ThreadLocal.
 */
public final class NativeBufferView {
    private long address;
    private int capacity;
    private ByteBuffer buffer;

    /** The buffer at address (capacity bytes, native order), position 0 and limit capacity. */
    public ByteBuffer of(long address, int capacity) {
        if (buffer == null || address != this.address || capacity != this.capacity) {
            this.address = address;
            this.capacity = capacity;
            this.buffer = new Pointer(address).getByteBuffer(0, capacity).order(ByteOrder.nativeOrder());
        }
        return buffer.clear();
    }
}
