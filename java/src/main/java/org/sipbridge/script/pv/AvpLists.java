package org.sipbridge.script.pv;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import org.sipbridge.bridge.CoreCalls;
import org.sipbridge.bridge.NativeCore;
import org.sipbridge.script.run.Value;

/**
 * The script's $avp when a C module swaps AVP lists (1.11's tm: {@code set_avp_list}
 * around its failure, branch and reply routes, and the request's list moved into each
 * transaction). From the first swap on a thread until the end of its message the C list
 * the module made current is the $avp store (native/avp_lists.c); this class reads and
 * writes it. Until a module swaps lists for the first time nothing here runs: one static
 * read per $avp access.
 */
public final class AvpLists {
    /** Set by the first export (a module swapped lists); before that no $avp access asks C. */
    private static volatile boolean used;

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** A thread's native buffers for values (grown to the longest value seen). */
    private static final class Scratch {
        Memory buf = new Memory(256);
        final Memory out = new Memory(12);
        byte[] bytes = new byte[256];
    }

    private AvpLists() {
    }

    private static CoreCalls calls() {
        return NativeCore.get().calls();
    }

    /** A module started list mode on this thread: from now on every $avp access checks the mode. */
    static void markUsed() {
        used = true;
    }

    /** True when this thread's $avp store is the current C list. */
    public static boolean listed() {
        return used && calls().sb_avp_list_mode() != 0;
    }

    /** The end of a worker's message: the thread's own list freed, the Java store in use again. */
    public static void endMessage() {
        if (used) {
            calls().sb_avp_list_reset();
        }
    }

    static int count(int slot) {
        return calls().sb_avp_list_count(slot);
    }

    /** Value index (0 newest, negative from the oldest) of slot into out; false when absent. */
    static boolean get(int slot, int index, Value out) {
        CoreCalls c = calls();
        if (index < 0) {
            index += c.sb_avp_list_count(slot);
            if (index < 0) {
                return false;
            }
        }
        Scratch s = SCRATCH.get();
        int r = c.sb_avp_list_get(slot, index, Pointer.nativeValue(s.buf), (int) s.buf.size(),
                Pointer.nativeValue(s.out));
        if (r < -1) {
            s.buf = new Memory(-r - 2 + 64);
            r = c.sb_avp_list_get(slot, index, Pointer.nativeValue(s.buf), (int) s.buf.size(),
                    Pointer.nativeValue(s.out));
        }
        if (r < 0) {
            return false;
        }
        if (s.out.getInt(8) == 0) {
            out.setInt(s.out.getInt(4));
            return true;
        }
        int n = s.out.getInt(0);
        if (s.bytes.length < n) {
            s.bytes = new byte[n + 64];
        }
        s.buf.read(0, s.bytes, 0, n);
        out.clearString().append(s.bytes, 0, n);
        return true;
    }

    /** '=': adds v as the newest value of slot. */
    static void add(int slot, Value v) {
        CoreCalls c = calls();
        if (v.isIntTyped()) {
            c.sb_avp_list_add(slot, 0, v.intValue(), 0, 0);
            return;
        }
        Scratch s = SCRATCH.get();
        int n = v.length();
        if (s.buf.size() < n) {
            s.buf = new Memory(n + 64);
        }
        if (n > 0) {
            s.buf.write(0, v.bytes(), v.offset(), n);
        }
        c.sb_avp_list_add(slot, 1, 0, Pointer.nativeValue(s.buf), n);
    }

    /** '= NULL': removes every value of slot. */
    static void delete(int slot) {
        calls().sb_avp_list_delete(slot);
    }
}
