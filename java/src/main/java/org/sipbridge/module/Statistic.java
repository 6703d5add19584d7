package org.sipbridge.module;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A Java module's statistic. It lives in the core's native registry (so C modules find it
 * with get_stat) and Java updates the native counter directly, atomically, without a
 * native call.
 */
public final class Statistic {
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private final String name;
    private final int flags;
    private ByteBuffer counter;

    Statistic(String name, int flags) {
        this.name = name;
        this.flags = flags;
    }

    public String name() {
        return name;
    }

    public int flags() {
        return flags;
    }

    /** Binds it to the native counter (by the module system, when the module is added). */
    public void attach(ByteBuffer counter) {
        this.counter = counter.order(ByteOrder.nativeOrder());
    }

    public void add(long n) {
        LONG.getAndAdd(counter, 0, n);
    }

    public void increment() {
        add(1);
    }

    public long get() {
        return (long) LONG.getVolatile(counter, 0);
    }
}
