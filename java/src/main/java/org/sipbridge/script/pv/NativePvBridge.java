package org.sipbridge.script.pv;

import jnr.ffi.provider.MemoryManager;
import org.sipbridge.bridge.CoreCalls;
import org.sipbridge.bridge.NativeCore;
import org.sipbridge.core.SipContext;
import org.sipbridge.module.CurrentMessage;
import org.sipbridge.module.MessageContext;
import org.sipbridge.script.parse.ConfigException;
import org.sipbridge.script.run.ScriptState;
import org.sipbridge.script.run.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;

/**
 * The Java side of native/pv.c: C modules' pv_parse_spec / pv_parse_format (and the
 * fixups built on them: fixup_spve, fixup_pvar, fixup_igp...) get a handle to a
 * {@link Pv} or {@link CompiledFormat} the script's {@link PvResolver} compiled;
 * pv_get_spec_value / pv_printf_s / pv_set_value evaluate it on the message the thread is
 * processing ({@link CurrentMessage}), with the worker's script state ($var, $avp...).
 *
 * <p>One per JVM, like the core library's callbacks. The resolver is the one of the script
 * being compiled or run; handles stay valid until C releases them (free_fixup).
 */
public final class NativePvBridge implements CoreCalls.PvParse, CoreCalls.PvFormat, CoreCalls.PvEval,
        CoreCalls.PvSet, CoreCalls.PvRelease {
    private static final Logger LOG = LoggerFactory.getLogger("org.sipbridge.script");
    private static final int PV_VAL_NULL = 1, EQ_T = 54, COLONEQ_T = 55;   // route_struct.h (1.11's values)
    private static NativePvBridge instance;

    private final jnr.ffi.provider.MemoryManager memory;
    private volatile PvResolver resolver;
    private volatile Object[] handles = new Object[64];
    private int nextHandle = 1;

    private NativePvBridge(NativeCore core) {
        MemoryManager mm = jnr.ffi.Runtime.getSystemRuntime().getMemoryManager();
        this.memory = mm;
        core.calls().sb_pv_set_callbacks(this, this, this, this, this);
    }

    /** The bridge, registering the callbacks with the core on first use. */
    public static synchronized NativePvBridge get() {
        if (instance == null) {
            instance = new NativePvBridge(NativeCore.get());
        }
        return instance;
    }

    /** Pseudo-variables C parses from now on are the names of this resolver's script. */
    public void use(PvResolver r) {
        resolver = r;
    }

    // ---- handles ---------------------------------------------------------------------------

    private synchronized long register(Object compiled) {
        Object[] h = handles;
        int i = nextHandle++;
        if (i >= h.length) {
            Object[] bigger = new Object[h.length * 2];
            System.arraycopy(h, 0, bigger, 0, h.length);
            h = bigger;
        }
        h[i] = compiled;
        handles = h;
        return i;
    }

    /** The resolver C's names are resolved with now (AVP names for usr_avp.h). */
    PvResolver resolver() {
        return resolver;
    }

    Object lookup(long handle) {
        Object[] h = handles;
        return handle > 0 && handle < h.length ? h[(int) handle] : null;
    }

    @Override
    public synchronized void release(long handle) {
        if (handle > 0 && handle < handles.length) {
            handles[(int) handle] = null;
        }
    }

    // ---- parsing ---------------------------------------------------------------------------

    private String text(long address, int len) {
        byte[] b = new byte[Math.max(len, 0)];
        memory.newPointer(address).get(0, b, 0, b.length);
        return new String(b, StandardCharsets.UTF_8);
    }

    @Override
    public long parse(long text, int len, long consumed, long writable) {
        try {
            PvResolver r = resolver;
            String t = text(text, len);
            if (r == null) {
                LOG.error("pv_parse_spec <{}>: no script is being compiled", t);
                return 0;
            }
            PvResolver.ParsedSpec spec = r.parseSpec("pv_parse_spec", t);
            int bytes = t.substring(0, spec.end()).getBytes(StandardCharsets.UTF_8).length;
            memory.newPointer(consumed).putInt(0, bytes);
            memory.newPointer(writable).putInt(0, spec.pv().writable() ? 1 : 0);
            return register(spec.pv());
        } catch (ConfigException e) {
            LOG.error("{}", e.getMessage());
            return 0;
        } catch (Throwable t) {
            LOG.error("pv_parse_spec failed", t);
            return 0;
        }
    }

    @Override
    public long format(long text, int len) {
        try {
            PvResolver r = resolver;
            String t = text(text, len);
            if (r == null) {
                LOG.error("pv_parse_format <{}>: no script is being compiled", t);
                return 0;
            }
            return register(r.parseFormat("pv_parse_format", t));
        } catch (ConfigException e) {
            LOG.error("{}", e.getMessage());
            return 0;
        } catch (Throwable t) {
            LOG.error("pv_parse_format failed", t);
            return 0;
        }
    }

    // ---- evaluation ------------------------------------------------------------------------

    /** The context of msg on this thread, or null (C evaluating a message Java does not know). */
    private static SipContext contextOf(long msg) {
        MessageContext mc = CurrentMessage.get();
        return mc instanceof SipContext sc && sc.slot().message() == msg ? sc : null;
    }

    @Override
    public int eval(long handle, long msg, long buf, int cap, long len, long ival, long flags) {
        try {
            Object compiled = lookup(handle);
            if (compiled == null) {
                return -1;
            }
            SipContext ctx = contextOf(msg);
            jnr.ffi.Pointer out = memory.newPointer(buf);
            if (ctx == null) {
                memory.newPointer(len).putInt(0, 0);
                memory.newPointer(ival).putInt(0, 0);
                memory.newPointer(flags).putInt(0, PV_VAL_NULL);
                return 0;
            }
            ScriptState s = ScriptState.of(ctx);
            int mark = s.mark();
            Value v = s.temp();
            if (compiled instanceof Pv pv) {
                pv.get(s, v);
            } else {
                ((CompiledFormat) compiled).eval(s, v);
            }
            int n = v.isNull() ? 0 : v.length();
            if (n + 1 > cap) {
                s.release(mark);
                return -(n + 1);
            }
            if (n > 0) {
                out.put(0, v.bytes(), v.offset(), n);
            }
            out.putByte(n, (byte) 0);
            memory.newPointer(len).putInt(0, n);
            memory.newPointer(ival).putInt(0, v.isNull() ? 0 : v.intValue());
            memory.newPointer(flags).putInt(0, v.flags() & (Value.NULL | Value.STR | Value.INT | Value.TYPE_INT));
            s.release(mark);
            return 0;
        } catch (Throwable t) {
            LOG.error("evaluating a pseudo-variable for C failed", t);
            return -1;
        }
    }

    @Override
    public int set(long handle, long msg, int op, long s, int slen, int ival, int flags) {
        try {
            if (!(lookup(handle) instanceof Pv pv) || !pv.writable()) {
                return -1;
            }
            SipContext ctx = contextOf(msg);
            if (ctx == null) {
                return -1;
            }
            ScriptState st = ScriptState.of(ctx);
            int mark = st.mark();
            Value v = st.temp();
            Value value;
            if ((flags & PV_VAL_NULL) != 0) {
                value = null;
            } else if ((flags & Value.TYPE_INT) != 0 || ((flags & Value.INT) != 0 && (flags & Value.STR) == 0)) {
                value = v.setInt(ival);
            } else {
                value = v.setString(text(s, slen));
            }
            boolean ok = pv.set(st, op == COLONEQ_T ? Pv.REPLACE : Pv.ASSIGN, value);
            st.release(mark);
            return ok ? 0 : -1;
        } catch (Throwable t) {
            LOG.error("setting a pseudo-variable for C failed", t);
            return -1;
        }
    }
}
