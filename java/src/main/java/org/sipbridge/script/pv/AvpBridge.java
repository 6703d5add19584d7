package org.sipbridge.script.pv;

import com.sun.jna.Pointer;
import org.sipbridge.bridge.CoreCalls;
import org.sipbridge.bridge.NativeCore;
import org.sipbridge.core.SipContext;
import org.sipbridge.module.CurrentMessage;
import org.sipbridge.module.MessageContext;
import org.sipbridge.script.run.AvpStore;
import org.sipbridge.script.run.ScriptState;
import org.sipbridge.script.run.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;

/**
 * The Java side of native/avp.c: C modules' usr_avp.h functions on the AVP store of the
 * message the thread is processing, the same store $avp(name) reads and writes. AVP ids
 * are the script's $avp slots. Not on the script's hot path: C's AVP calls may allocate.
 */
public final class AvpBridge implements CoreCalls.AvpCallback {
    private static final Logger LOG = LoggerFactory.getLogger("org.sipbridge.script");
    private static final int OP_ID = 0, OP_NAME = 1, OP_COUNT = 2, OP_GET = 3, OP_ADD = 4, OP_ADD_LAST = 5,
            OP_DEL = 6, OP_CLEAR = 7, OP_SPEC_SLOT = 8, OP_EXPORT = 9;
    private static final int PV_VAL_STR = 4;
    private static AvpBridge instance;

    private AvpBridge(CoreCalls calls) {
        calls.sb_avp_set_callback(this);
    }

    /** Registers the bridge with the core once. */
    public static synchronized void install() {
        if (instance == null) {
            instance = new AvpBridge(NativeCore.get().calls());
        }
    }

    private static AvpStore store() {
        MessageContext mc = CurrentMessage.get();
        return mc instanceof SipContext sc ? ScriptState.of(sc).avps : null;
    }

    private static String text(long ptr, int len) {
        byte[] b = new byte[Math.max(0, len)];
        if (len > 0) {
            new Pointer(ptr).read(0, b, 0, len);
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    @Override
    public int call(int op, int id, int pos, int flags, int ival, long ptr, int len, long out) {
        try {
            switch (op) {
                case OP_ID: {
                    PvResolver r = NativePvBridge.get().resolver();
                    if (r == null) {
                        return -1;
                    }
                    String name = text(ptr, len);
                    if (name.length() > 2 && name.charAt(1) == ':' && (name.charAt(0) == 's' || name.charAt(0) == 'i')) {
                        name = name.substring(2);   // the deprecated s:/i: forms
                    }
                    return r.avpSlot(name);
                }
                case OP_NAME: {
                    PvResolver r = NativePvBridge.get().resolver();
                    String name = r == null ? null : r.avpName(id);
                    if (name == null) {
                        return -1;
                    }
                    byte[] b = name.getBytes(StandardCharsets.UTF_8);
                    int n = Math.min(b.length, len);
                    new Pointer(ptr).write(0, b, 0, n);
                    return n;
                }
                case OP_EXPORT:
                    return export();
                case OP_SPEC_SLOT: {
                    Object pv = NativePvBridge.get().lookup(ptr);
                    return pv instanceof ScriptPvs.Avp a ? a.slot() : -1;
                }
                default:
                    return onStore(op, id, pos, flags, ival, ptr, len, out);
            }
        } catch (Throwable t) {
            LOG.error("AVP call {} from C failed", op, t);
            return -1;
        }
    }

    private static int onStore(int op, int id, int pos, int flags, int ival, long ptr, int len, long out) {
        AvpStore s = store();
        if (s == null || id < 0) {
            return -1;
        }
        switch (op) {
            case OP_COUNT:
                return s.count(id);
            case OP_GET: {
                Value v = s.get(id, pos);
                if (v == null) {
                    return -1;
                }
                int n = v.hasString() ? v.length() : 0;
                if (n > len) {
                    return -n - 2;
                }
                Pointer p = new Pointer(ptr);
                if (n > 0) {
                    p.write(0, v.bytes(), v.offset(), n);
                }
                Pointer o = new Pointer(out);
                o.setInt(0, n);
                o.setInt(4, v.hasInt() ? v.intValue() : 0);
                o.setInt(8, v.flags());
                return 0;
            }
            case OP_ADD:
            case OP_ADD_LAST: {
                Value nv = (flags & PV_VAL_STR) != 0 ? new Value().setString(text(ptr, len)) : new Value().setInt(ival);
                if (op == OP_ADD) {
                    s.add(id, nv);
                } else {
                    Value[] old = all(s, id);
                    s.delete(id);
                    s.add(id, nv);
                    for (Value v : old) {
                        s.add(id, v);
                    }
                }
                return 0;
            }
            case OP_DEL: {
                int n = s.count(id);
                if (pos < 0) {
                    s.delete(id);
                    return n;
                }
                if (pos >= n) {
                    return 0;
                }
                Value[] old = all(s, id);   // oldest first; pos counts from the newest
                s.delete(id);
                for (int i = 0; i < old.length; i++) {
                    if (i != old.length - 1 - pos) {
                        s.add(id, old[i]);
                    }
                }
                return 1;
            }
            case OP_CLEAR:
                s.clear();
                return 0;
            default:
                return -1;
        }
    }

    /**
     * A module started using AVP lists on this thread (native/avp_lists.c): every value of
     * the current message's store goes into the current C list (oldest first, so the newest
     * ends up first, as $avp reads it), and the store is emptied: the list is the store now.
     */
    private static int export() {
        AvpLists.markUsed();
        AvpStore s = store();
        if (s == null) {
            return 0;   // no message on this thread (the timer): nothing to move
        }
        CoreCalls c = NativeCore.get().calls();
        int r = 0;
        for (int slot = 0; slot <= s.highestSlot(); slot++) {
            int n = s.count(slot);
            for (int i = n - 1; i >= 0; i--) {
                Value v = s.get(slot, i);
                if (v.isIntTyped()) {
                    r |= c.sb_avp_list_add(slot, 0, v.intValue(), 0, 0);
                } else {
                    try (com.sun.jna.Memory m = new com.sun.jna.Memory(Math.max(1, v.length()))) {
                        if (v.length() > 0) {
                            m.write(0, v.bytes(), v.offset(), v.length());
                        }
                        r |= c.sb_avp_list_add(slot, 1, 0, Pointer.nativeValue(m), v.length());
                    }
                }
            }
        }
        s.clear();
        return r < 0 ? -1 : 0;
    }

    /** Copies of every value of id, oldest first. */
    private static Value[] all(AvpStore s, int id) {
        int n = s.count(id);
        Value[] out = new Value[n];
        for (int i = 0; i < n; i++) {
            out[i] = new Value().copyOf(s.get(id, n - 1 - i));
        }
        return out;
    }
}
