package org.sipbridge.bridge;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import org.sipbridge.module.Argument;
import org.sipbridge.module.CallSite;
import org.sipbridge.module.CurrentMessage;
import org.sipbridge.module.FunctionExport;
import org.sipbridge.module.JavaModule;
import org.sipbridge.module.MessageContext;
import org.sipbridge.module.Module;
import org.sipbridge.module.ModuleRegistry;
import org.sipbridge.module.ParamExport;
import org.sipbridge.module.RouteType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.sipbridge.bridge.ExportsLayout.*;

/**
 * Serves C's find_export, find_mod_export, find_cmd_export_t, module_loaded and
 * find_param_export from the Java registry, so C binds functions of C modules (their own
 * cmd_export_t), of Java modules (a cmd_export_t allocated here whose function is a jnr-ffi
 * closure) and native APIs Java modules declare (load_sl...).
 *
 * <p>Binding another C module's export puts both modules under one lock: from then on the
 * caller's code calls the other's directly, outside the core's trampolines.
 *
 * <p>Ownership: the cmd_export_t records and closures made here live until {@link #close},
 * after every module was destroyed and unloaded.
 */
public final class RegistryBridge implements CoreCalls.FindCmd, CoreCalls.ModuleLoaded, CoreCalls.FindParam, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("org.sipbridge.modules");

    private final NativeCore core;
    private final ModuleRegistry registry;
    private final Map<Object, Memory> exportRecords = new ConcurrentHashMap<>();
    private final List<Object> keepAlive = new ArrayList<>();

    public RegistryBridge(NativeCore core, ModuleRegistry registry) {
        this.core = core;
        this.registry = registry;
        core.calls().sb_registry_set_callbacks(this, this, this);
    }

    @Override
    public long find(long moduleName, long name, int paramNo, int flags, int caller) {
        try {
            String mod = NativeMemory.string(moduleName);
            String fname = NativeMemory.string(name);
            FunctionExport f = registry.find(mod, fname, paramNo, flags);
            if (f instanceof NativeFunction nf) {
                joinLocks(caller, nf);
                LOG.debug("find_export({}, {}, {}): module {}", fname, paramNo, flags, nf.module().name());
                return nf.exportAddress();
            }
            if (f != null) {
                return javaExportRecord(f);
            }
            if (flags == 0) {
                for (Module m : registry.newestFirst()) {
                    if (m instanceof JavaModule jm && (mod == null || mod.equals(m.name()))) {
                        for (JavaModule.NativeApi api : jm.nativeApis()) {
                            if (api.name().equals(fname) && api.paramCount() == paramNo) {
                                LOG.debug("find_export({}, {}, 0): sipbridge's Java module {}", fname, paramNo, m.name());
                                return nativeApiRecord(api);
                            }
                        }
                    }
                }
            }
            return 0;
        } catch (Throwable t) {
            LOG.error("find_export failed", t);
            return 0;
        }
    }

    private void joinLocks(int caller, NativeFunction f) {
        int owner = f.module().nativeIndex();
        if (caller > 0 && caller != owner) {
            core.calls().sb_module_join(caller, owner);
        }
    }

    @Override
    public int loaded(long name) {
        try {
            return registry.module(NativeMemory.string(name)).isPresent() ? 1 : 0;
        } catch (Throwable t) {
            return 0;
        }
    }

    @Override
    public long find(long moduleName, long name, int type) {
        try {
            String mod = NativeMemory.string(moduleName);
            String pname = NativeMemory.string(name);
            Module m = registry.module(mod).orElse(null);
            if (!(m instanceof NativeModule)) {
                return 0;
            }
            for (ParamExport p : m.params()) {
                if (p.name().equals(pname) && p.type().flag == (type & 3) && p instanceof NativeParam np) {
                    return np.pointer();
                }
            }
            return 0;
        } catch (Throwable t) {
            return 0;
        }
    }

    private long javaExportRecord(FunctionExport f) {
        return Pointer.nativeValue(exportRecords.computeIfAbsent(f, k -> {
            JavaCmdThunk thunk = new JavaCmdThunk(f);
            long fn = jnr.ffi.Runtime.getSystemRuntime().getClosureManager()
                    .getClosurePointer(CoreCalls.CmdFunction.class, thunk).address();
            synchronized (keepAlive) {
                keepAlive.add(thunk);
            }
            return record(f.name(), fn, f.paramCount(), f.routeFlags());
        }));
    }

    private long nativeApiRecord(JavaModule.NativeApi api) {
        return Pointer.nativeValue(exportRecords.computeIfAbsent(api,
                k -> record(api.name(), api.address(), api.paramCount(), 0)));
    }

    private Memory record(String name, long function, int paramNo, int flags) {
        ExportsLayout l = core.layout();
        Memory rec = new Memory(l.get(CMD_SIZE));
        rec.clear();
        Memory nameMem = new Memory(name.length() * 4L + 1);
        nameMem.setString(0, name);
        synchronized (keepAlive) {
            keepAlive.add(nameMem);
        }
        rec.setPointer(l.get(CMD_NAME), nameMem);
        rec.setPointer(l.get(CMD_FUNCTION), new Pointer(function));
        rec.setInt(l.get(CMD_PARAM_NO), paramNo);
        rec.setInt(l.get(CMD_FLAGS), flags);
        return rec;
    }

    @Override
    public void close() {
        exportRecords.clear();
        synchronized (keepAlive) {
            keepAlive.clear();
        }
    }

    /** A Java function called by C code through a pointer find_export returned. */
    static final class JavaCmdThunk implements CoreCalls.CmdFunction {
        private final FunctionExport function;

        JavaCmdThunk(FunctionExport function) {
            this.function = function;
        }

        /** Slow path (a bind per call): C code calling Java functions is not the hot path. */
        @Override
        public int call(long msg, long p1, long p2, long p3, long p4, long p5, long p6) {
            try {
                long[] raw = {p1, p2, p3, p4, p5, p6};
                List<Argument> args = new ArrayList<>();
                for (int i = 0; i < function.paramCount(); i++) {
                    String s = NativeMemory.string(raw[i]);
                    args.add(Argument.string(s == null ? "" : s));
                }
                MessageContext ctx = CurrentMessage.get();
                if (ctx == null || ctx.nativeMessage() != msg) {
                    ctx = new DetachedContext(msg);
                }
                try (CallSite cs = function.bind(args)) {
                    return cs.call(ctx);
                }
            } catch (Throwable t) {
                LOG.error("Java function {} called from C failed", function, t);
                return -1;
            }
        }
    }

    /** The context of a message Java does not know (C called with a message of its own). */
    private record DetachedContext(long nativeMessage) implements MessageContext {
        @Override
        public int routeType() {
            return RouteType.REQUEST;
        }
    }
}
