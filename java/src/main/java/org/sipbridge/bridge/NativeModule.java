package org.sipbridge.bridge;

import com.sun.jna.NativeLibrary;
import org.sipbridge.module.FunctionExport;
import org.sipbridge.module.MessageContext;
import org.sipbridge.module.Module;
import org.sipbridge.module.ParamExport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A loaded C module: what its exports declared, and its entry points. Created by
 * {@link ModuleLoader}; every call into it goes through the core's trampolines, which
 * hold the module's lock and charge memory to it.
 */
public final class NativeModule implements Module {
    private final NativeCore core;
    private final Path path;
    private final Dialect dialect;
    private final String name;
    private final String version;
    private final String compileFlags;
    private final int dlflags;
    private final int index;
    private final boolean threadSafe;
    private NativeLibrary library;

    private final List<FunctionExport> functions = new ArrayList<>();
    private final List<ParamExport> params = new ArrayList<>();
    private final List<String> statistics = new ArrayList<>();
    private final List<MiExport> miCommands = new ArrayList<>();
    private final List<String> pseudoVariables = new ArrayList<>();
    private final List<String> processes = new ArrayList<>();
    private long statExports;
    private long procsAddress;
    /** Where exports.procs lives: 1.11 reads it when it forks, after mod_init (exec clears it). */
    private long procsSlot;
    private long initF, responseF, destroyF, childInitF;
    private boolean unloaded;

    NativeModule(NativeCore core, NativeLibrary library, Path path, Dialect dialect, String name,
                 String version, String compileFlags, int dlflags, boolean threadSafe) {
        this.core = core;
        this.library = library;
        this.path = path;
        this.dialect = dialect;
        this.name = name;
        this.version = version;
        this.compileFlags = compileFlags;
        this.dlflags = dlflags;
        this.threadSafe = threadSafe;
        this.index = core.calls().sb_module_new(name, threadSafe ? 1 : 0);
        if (index <= 0) {
            throw new IllegalStateException("too many modules (native module table is full)");
        }
    }

    /**
     * Each thread that runs this module gets its own copy of the module's globals, as each
     * OpenSIPS process has its own (native/module_image.c). symbol: an address inside the
     * module. A module whose segments cannot be found keeps one set, with a warning.
     */
    void giveThreadsTheirOwnGlobals(long symbol) {
        long bytes = core.calls().sb_module_image_init(index, symbol);
        if (bytes < 0) {
            org.slf4j.LoggerFactory.getLogger(NativeModule.class).warn(
                    "module {}: its writable segments were not found; its globals are shared by all threads", name);
        }
    }

    /** Per-thread globals: bytes per copy, copies held, swaps so far (what = 0, 1, 2); -1 if shared. */
    public long threadGlobals(int what) {
        return core.calls().sb_module_image_info(index, what);
    }

    CoreCalls calls() {
        return core.calls();
    }

    void entryPoints(long initF, long responseF, long destroyF, long childInitF, long statExports) {
        this.initF = initF;
        this.responseF = responseF;
        this.destroyF = destroyF;
        this.childInitF = childInitF;
        this.statExports = statExports;
    }

    void addFunction(NativeFunction f) {
        functions.add(f);
    }

    void addParam(NativeParam p) {
        params.add(p);
    }

    void addStatistic(String s) {
        statistics.add(s);
    }

    /** One entry of exports.mi_cmds (mi_export_t): addresses of its code, param and init_f. */
    public record MiExport(String name, String help, long function, int flags, long param, long initF) {
    }

    void addMiCommand(MiExport e) {
        miCommands.add(e);
    }

    void addPseudoVariable(String s) {
        pseudoVariables.add(s);
    }

    private final java.util.Map<String, Long> pvExports = new java.util.HashMap<>();

    void addPseudoVariableExport(String name, long pvExport) {
        pvExports.put(name, pvExport);
    }

    /** Address of the pv_export_t of item name, or 0 when the module exports no such item. */
    public long pseudoVariableExport(String name) {
        return pvExports.getOrDefault(name, 0L);
    }

    void addProcess(String s) {
        processes.add(s);
    }

    void procsAddress(long procs) {
        this.procsAddress = procs;
    }

    void procsSlot(long slot) {
        this.procsSlot = slot;
    }

    /** Its module_exports.procs array (0: none); the server runs each as a thread. */
    public long procsAddress() {
        return procsAddress;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String version() {
        return version;
    }

    public String compileFlags() {
        return compileFlags;
    }

    public int dlflags() {
        return dlflags;
    }

    public Path path() {
        return path;
    }

    public Dialect dialect() {
        return dialect;
    }

    @Override
    public String kind() {
        return dialect.description;
    }

    @Override
    public int nativeIndex() {
        return index;
    }

    @Override
    public List<FunctionExport> functions() {
        return Collections.unmodifiableList(functions);
    }

    @Override
    public List<ParamExport> params() {
        return Collections.unmodifiableList(params);
    }

    @Override
    public List<String> statistics() {
        return Collections.unmodifiableList(statistics);
    }

    /** Names of the MI commands in its exports.mi_cmds. */
    public List<String> miCommands() {
        return miCommands.stream().map(MiExport::name).toList();
    }

    /** Its exports.mi_cmds entries (register_mi_cmd ones are in the core's table, native/mi.c). */
    public List<MiExport> miExports() {
        return Collections.unmodifiableList(miCommands);
    }

    /** Pseudo-variables it exports (module_exports.items). */
    public List<String> pseudoVariables() {
        return Collections.unmodifiableList(pseudoVariables);
    }

    /** Extra processes it asks for (module_exports.procs; the server runs them as threads). */
    public List<String> processes() {
        return Collections.unmodifiableList(processes);
    }

    @Override
    public boolean threadSafe() {
        return threadSafe;
    }

    /** init_f, then the module's statistics are registered (OpenSIPS order). */
    @Override
    public int init() {
        int r = initF == 0 ? 0 : core.calls().sb_call_init(index, initF);
        if (r == 0 && procsSlot != 0 && NativeMemory.pointer(procsSlot) != procsAddress) {
            // mod_init may withdraw (or change) its processes, as exec does without "async":
            // 1.11 forks what exports.procs holds after mod_init, so the server starts that
            procsAddress = NativeMemory.pointer(procsSlot);
            if (procsAddress == 0) {
                processes.clear();
            }
        }
        if (r == 0 && statExports != 0 && core.calls().sb_stats_register_exports(index, statExports) < 0) {
            return -1;
        }
        return r;
    }

    @Override
    public int childInit(int rank) {
        return childInitF == 0 ? 0 : core.calls().sb_call_child_init(index, childInitF, rank);
    }

    @Override
    public boolean handlesResponses() {
        return responseF != 0;
    }

    @Override
    public int onResponse(MessageContext ctx) {
        if (responseF == 0) {
            return 1;
        }
        int r = core.calls().sb_call_response(index, responseF, ctx.nativeMessage());
        if (r == Breadcrumbs.BUSY) {
            throw new org.sipbridge.module.ModuleBusyException(name(), "response_f"); // rare: may allocate
        }
        ctx.afterNativeCall();
        return r;
    }

    @Override
    public void destroy() {
        if (destroyF != 0) {
            core.calls().sb_call_destroy(index, destroyF);
        }
    }

    /** Frees STR_PARAM copies, drops statistics, closes the shared object. */
    @Override
    public synchronized void unload() {
        if (unloaded) {
            return;
        }
        unloaded = true;
        for (ParamExport p : params) {
            ((NativeParam) p).release();
        }
        core.calls().sb_stats_unregister(index);
        core.calls().sb_mi_forget(index);       // commands it registered die with its code
        core.calls().sb_timers_forget(index);   // before its code is unmapped
        if (library != null) {
            library.close();
            library = null;
        }
        core.calls().sb_module_release(index);
    }

    @Override
    public String toString() {
        return name + " (" + path + ")";
    }
}
