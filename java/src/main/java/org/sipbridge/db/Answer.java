package org.sipbridge.db;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** A growable native-order buffer the answer of one operation is written into (reused). */
final class Answer {
    private ByteBuffer b = ByteBuffer.allocate(16 * 1024).order(ByteOrder.nativeOrder());

    void reset() {
        b.clear();
    }

    int length() {
        return b.position();
    }

    /** The bytes [0, length) for copying out. */
    ByteBuffer flipped() {
        return b.duplicate().order(ByteOrder.nativeOrder()).flip();
    }

    private void room(int n) {
        if (b.remaining() < n) {
            int cap = b.capacity();
            while (cap - b.position() < n) {
                cap *= 2;
            }
            ByteBuffer nb = ByteBuffer.allocate(cap).order(ByteOrder.nativeOrder());
            b.flip();
            nb.put(b);
            b = nb;
        }
    }

    void u8(int v) {
        room(1);
        b.put((byte) v);
    }

    void i32(int v) {
        room(4);
        b.putInt(v);
    }

    /** Reserves an i32 to fill later with {@link #i32At}; its position. */
    int i32Slot() {
        room(4);
        int at = b.position();
        b.putInt(0);
        return at;
    }

    void i32At(int at, int v) {
        b.putInt(at, v);
    }

    void i64(long v) {
        room(8);
        b.putLong(v);
    }

    void f64(double v) {
        room(8);
        b.putDouble(v);
    }

    void bytes(byte[] a) {
        room(4 + a.length);
        b.putInt(a.length);
        b.put(a);
    }
}
