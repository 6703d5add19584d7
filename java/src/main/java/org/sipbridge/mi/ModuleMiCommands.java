package org.sipbridge.mi;

import org.sipbridge.bridge.CoreCalls;
import org.sipbridge.bridge.NativeMiCommand;
import org.sipbridge.bridge.NativeModule;
import org.sipbridge.module.JavaModule;
import org.sipbridge.module.Module;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.jna.Pointer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * Puts every module's MI commands into the registry: C modules' exports.mi_cmds, the
 * commands C code registered with register_mi_cmd/register_mi_mod (the core's table), and
 * Java modules' {@link JavaModule#miCommands()}. Called once the modules are initialised.
 * A name that is already taken is logged and skipped (the first one stays, as in OpenSIPS).
 */
public final class ModuleMiCommands {
    private static final Logger log = LoggerFactory.getLogger("org.sipbridge.mi");

    private ModuleMiCommands() {
    }

    public static void registerAll(MiRegistry reg, List<Module> modules, CoreCalls calls, ExecutorService miThread) {
        registerAll(reg, modules, calls, miThread, NativeMiCommand.DEFAULT_TIMEOUT_MS);
    }

    /** @param timeoutMs how long a transport waits for a C command's answer (also an asynchronous one) */
    public static void registerAll(MiRegistry reg, List<Module> modules, CoreCalls calls, ExecutorService miThread,
                                   long timeoutMs) {
        Map<Integer, Module> byIndex = new HashMap<>();
        for (Module m : modules) {
            byIndex.put(m.nativeIndex(), m);
            if (m instanceof NativeModule nm) {
                for (NativeModule.MiExport e : nm.miExports()) {
                    add(reg, new NativeMiCommand(calls, miThread, m.name(), m.nativeIndex(), e.name(), e.help(),
                            e.function(), e.param(), e.initF(), e.flags(), timeoutMs));
                }
            } else if (m instanceof JavaModule jm) {
                for (MiCommand c : jm.miCommands()) {
                    add(reg, c);
                }
            }
        }
        long[] e = new long[7];
        int n = calls.sb_mi_count();
        for (int i = 0; i < n; i++) {
            if (calls.sb_mi_entry(i, e) < 0) {
                continue;
            }
            Module owner = byIndex.get((int) e[0]);
            String name = new Pointer(e[1]).getString(0);
            String help = e[2] == 0 ? "" : new Pointer(e[2]).getString(0);
            add(reg, new NativeMiCommand(calls, miThread, owner == null ? "core" : owner.name(), (int) e[0], name,
                    help, e[3], e[4], e[5], (int) e[6], timeoutMs));
        }
    }

    private static void add(MiRegistry reg, MiCommand c) {
        try {
            reg.register(c);
        } catch (IllegalArgumentException dup) {
            log.warn("{}; ignoring the one of module {}", dup.getMessage(), c.module());
        }
    }
}
