package org.sipbridge.script.pv;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import org.sipbridge.bridge.CoreCalls;
import org.sipbridge.bridge.NativeModule;
import org.sipbridge.core.ModuleSystem;
import org.sipbridge.module.Module;
import org.sipbridge.script.ast.PseudoVariable;
import org.sipbridge.script.ast.PvIndex;
import org.sipbridge.script.parse.ConfigException;
import org.sipbridge.script.run.ScriptState;
import org.sipbridge.script.run.Value;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The pseudo-variables C modules export (module_exports.items) in the script's PV engine:
 * {@code $name}, {@code $name(inner)}, {@code $name(inner)[i]} resolve to the module's
 * getf/setf (native/modpv.c), from the script and from other modules' pv_parse_spec. A
 * name the core already knows stays the core's, as in OpenSIPS (core PVs come first).
 * Reading one is one native call into the module (under its lock) and a copy of the value.
 */
public final class ModulePvs implements AutoCloseable {
    private static final int PV_VAL_NULL = 1, EQ_T = 54, COLONEQ_T = 55;
    private final ModuleSystem modules;
    private final CoreCalls calls;
    private final List<Long> specs = new ArrayList<>();

    public ModulePvs(ModuleSystem modules) {
        this.modules = modules;
        this.calls = modules.core().calls();
    }

    /** The module's pseudo-variable for ast, null when no C module exports the name. */
    Pv resolve(PseudoVariable ast) {
        for (Module m : modules.registry().modules()) {
            if (m instanceof NativeModule nm) {
                long export = nm.pseudoVariableExport(ast.name());
                if (export != 0) {
                    return create(nm, export, ast);
                }
            }
        }
        return null;
    }

    private Pv create(NativeModule m, long export, PseudoVariable ast) {
        if (ast.innerVariable().isPresent()) {
            throw new ConfigException(ast.location(), "names computed at run time are not supported in '"
                    + ast.text() + "'", "a constant name");
        }
        String inner = ast.inner().orElse(null);
        String index = ast.index().map(ModulePvs::indexText).orElse(null);
        long spec;
        synchronized (this) {
            spec = calls.sb_modpv_new(m.nativeIndex(), export, inner, inner == null ? 0 : bytes(inner),
                    index, index == null ? 0 : bytes(index));
            if (spec == 0) {
                throw new ConfigException(ast.location(), "module " + m.name() + " refused pseudo-variable '"
                        + ast.text() + "'", null);
            }
            specs.add(spec);
        }
        return new NativePv(ast.text(), calls, spec);
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String indexText(PvIndex i) {
        if (i instanceof PvIndex.Position p) {
            return Integer.toString(p.value());
        }
        if (i instanceof PvIndex.All) {
            return "*";
        }
        PvIndex.Variable v = (PvIndex.Variable) i;
        throw new ConfigException(v.location(), "indexes computed at run time are not supported", "an integer or '*'");
    }

    /** Frees the prepared specs (the script is closing; call after no message runs). */
    @Override
    public synchronized void close() {
        for (long s : specs) {
            calls.sb_modpv_free(s);
        }
        specs.clear();
    }

    /** One prepared spelling; a thread's scratch memory receives the value. */
    private static final class NativePv extends Pv {
        private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);
        private final CoreCalls calls;
        private final long spec;

        NativePv(String text, CoreCalls calls, long spec) {
            super(text);
            this.calls = calls;
            this.spec = spec;
        }

        @Override
        public void get(ScriptState s, Value out) {
            Scratch sc = SCRATCH.get();
            long msg = s.ctx == null ? 0 : s.ctx.nativeMessage();
            int r;
            while ((r = calls.sb_modpv_get(spec, msg, sc.address, (int) sc.buf.size() - 16, sc.address + sc.buf.size() - 12))
                    < -1) {
                sc.grow(-r + 16);
            }
            if (s.ctx != null) {
                s.ctx.afterNativeCall();
            }
            int len = sc.view.getInt((int) sc.buf.size() - 12);
            int ival = sc.view.getInt((int) sc.buf.size() - 8);
            int flags = sc.view.getInt((int) sc.buf.size() - 4);
            if (r < 0 || (flags & PV_VAL_NULL) != 0 || (flags & (Value.STR | Value.INT)) == 0) {
                out.setNull();
            } else if ((flags & Value.STR) == 0) {
                out.setInt(ival);
            } else {
                out.copyOf(sc.view, 0, len);
            }
        }

        @Override
        public boolean writable() {
            return true;   // the module's setf decides (a read-only one refuses)
        }

        @Override
        public boolean set(ScriptState s, int kind, Value value) {
            long msg = s.ctx == null ? 0 : s.ctx.nativeMessage();
            Scratch sc = SCRATCH.get();
            int op = kind == REPLACE ? COLONEQ_T : EQ_T;
            int r;
            if (value == null || value.isNull()) {
                r = calls.sb_modpv_set(spec, msg, op, 0, 0, 0, PV_VAL_NULL);
            } else {
                int n = value.hasString() ? value.length() : 0;
                if (n + 16 > sc.buf.size()) {
                    sc.grow(n + 16);
                }
                if (n > 0) {
                    sc.buf.write(0, value.bytes(), value.offset(), n);
                }
                int flags = (value.hasString() ? Value.STR : 0) | (value.hasInt() ? Value.INT : 0)
                        | (value.isIntTyped() ? Value.TYPE_INT : 0);
                r = calls.sb_modpv_set(spec, msg, op, sc.address, n, value.hasInt() ? value.intValue() : 0, flags);
            }
            if (s.ctx != null) {
                s.ctx.afterNativeCall();
            }
            return r == 0;
        }
    }

    /** Native memory for values: the text, then len, ival, flags (3 ints) at the end. */
    private static final class Scratch {
        Memory buf;
        long address;
        ByteBuffer view;

        Scratch() {
            grow(4096);
        }

        void grow(int need) {
            long size = Math.max(need + 16L, buf == null ? 4096 : buf.size() * 2);
            buf = new Memory(size);
            address = Pointer.nativeValue(buf);
            view = buf.getByteBuffer(0, size).order(ByteOrder.nativeOrder());
        }
    }
}
