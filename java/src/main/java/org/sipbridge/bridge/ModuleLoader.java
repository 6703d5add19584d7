package org.sipbridge.bridge;

import com.sun.jna.Library;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import org.sipbridge.module.ModuleException;
import org.sipbridge.module.ParamType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.sipbridge.bridge.ExportsLayout.*;

/**
 * Opens C modules the way OpenSIPS does: dlopen(RTLD_NOW), find `exports`, check version
 * and compile flags against the core's, reopen with the module's own dlflags if it asks,
 * then read every export. Errors name the module and both values; nothing here exits.
 */
public final class ModuleLoader {
    private final NativeCore core;

    public ModuleLoader(NativeCore core) {
        this.core = core;
    }

    /**
     * Resolves a loadmodule argument as OpenSIPS does: a name containing '/' is a path;
     * otherwise, for each mpath directory, mpath/name then mpath/stem/name (stem = name
     * without ".so"). Names without ".so" are tried with it too.
     */
    public static Path resolve(String name, List<Path> mpath) {
        List<Path> tried = new ArrayList<>();
        if (name.contains("/") || mpath.isEmpty()) {
            Path p = Path.of(name);
            if (Files.isRegularFile(p)) {
                return p.toAbsolutePath().normalize();
            }
            if (Files.isDirectory(p)) {
                throw new ModuleException("module <" + name + "> is a directory, not a module file (give the .so file"
                        + " in it, or the directory as mpath)");
            }
            tried.add(p);
        }
        if (!name.contains("/")) {
            List<String> names = name.endsWith(".so") ? List.of(name) : List.of(name + ".so", name);
            for (Path dir : mpath) {
                for (String n : names) {
                    String stem = n.endsWith(".so") ? n.substring(0, n.length() - 3) : n;
                    for (Path p : List.of(dir.resolve(n), dir.resolve(stem).resolve(n))) {
                        if (Files.isRegularFile(p)) {
                            return p.toAbsolutePath().normalize();
                        }
                        tried.add(p);
                    }
                }
            }
        }
        for (Path p : tried) {
            if (Files.isDirectory(p) && p.getFileName().toString().equals(name)) {
                throw new ModuleException("module <" + name + "> names the directory " + p + ", not a module file"
                        + " (tried " + tried + ")");
            }
        }
        throw new ModuleException("could not find module <" + name + "> (tried " + tried + ")");
    }

    /**
     * Loads one module file. dialect is null to recognise it from the binary (an
     * OpenSER 1.1 module defines the global module_version).
     */
    public NativeModule load(Path path, Dialect dialect, boolean threadSafe) {
        NativeLibrary lib = open(path, NativeCore.RTLD_NOW);
        try {
            Dialect d = dialect != null ? dialect : detect(lib);
            long exports = exportsAddress(lib, path);
            ExportsLayout l = core.layout();
            String name = NativeMemory.stringAt(exports + l.get(d == Dialect.OPENSIPS ? EXP_NAME : OSER_EXP_NAME));
            if (name == null || name.isEmpty()) {
                throw new ModuleException("module " + path + ": BUG: its exports have no name");
            }
            String version;
            String flags;
            int dlflags = 0;
            if (d == Dialect.OPENSIPS) {
                version = NativeMemory.stringAt(exports + l.get(EXP_VERSION));
                flags = NativeMemory.stringAt(exports + l.get(EXP_COMPILE_FLAGS));
                dlflags = NativeMemory.int32(exports + l.get(EXP_DLFLAGS));
                checkVersion(name, path, version, flags, core.opensipsVersion(), core.opensipsCompileFlags());
            } else {
                version = globalString(lib, "module_version");
                flags = globalString(lib, "module_flags");
                checkVersion(name, path, version, flags, core.openserVersion(), core.openserCompileFlags());
            }
            if (dlflags != 0 && dlflags != NativeCore.RTLD_NOW) {
                // OpenSIPS closes the module and opens it again with the flags it asked for.
                lib.close();
                lib = open(path, dlflags);
                exports = exportsAddress(lib, path);
            }
            NativeModule m = new NativeModule(core, lib, path, d, name, version, flags, dlflags, threadSafe);
            if (!threadSafe) {
                m.giveThreadsTheirOwnGlobals(exports);
            }
            try {
                if (d == Dialect.OPENSIPS) {
                    readOpensips(m, exports);
                } else {
                    readOpenser(m, exports);
                }
            } catch (RuntimeException e) {
                m.unload();   // releases its native record and closes the library
                throw e;
            }
            return m;
        } catch (RuntimeException e) {
            lib.close();
            throw e;
        }
    }

    private static NativeLibrary open(Path path, int flags) {
        String notElf = ModuleFiles.notElf(path);
        if (notElf != null) {
            throw new ModuleException("could not open module " + path + ": " + notElf);
        }
        try {
            return NativeLibrary.getInstance(path.toString(), Map.of(Library.OPTION_OPEN_FLAGS, flags));
        } catch (UnsatisfiedLinkError e) {
            throw new ModuleException("could not open module " + path + ": " + ModuleFiles.dlerror(e, path));
        }
    }

    private static Dialect detect(NativeLibrary lib) {
        try {
            lib.getGlobalVariableAddress("module_version");
            return Dialect.OPENSER;
        } catch (UnsatisfiedLinkError e) {
            return Dialect.OPENSIPS;
        }
    }

    private static long exportsAddress(NativeLibrary lib, Path path) {
        try {
            return Pointer.nativeValue(lib.getGlobalVariableAddress("exports"));
        } catch (UnsatisfiedLinkError e) {
            throw new ModuleException("module " + path + ": no exports found (not an OpenSIPS module: "
                    + "the symbol 'exports' is missing)");
        }
    }

    private static String globalString(NativeLibrary lib, String symbol) {
        try {
            return NativeMemory.stringAt(Pointer.nativeValue(lib.getGlobalVariableAddress(symbol)));
        } catch (UnsatisfiedLinkError e) {
            return null;
        }
    }

    static void checkVersion(String name, Path path, String version, String flags,
                             String coreVersion, String coreFlags) {
        if (version == null) {
            throw new ModuleException("module <" + name + "> (" + path + "): BUG: no version in the module "
                    + "(core version is '" + coreVersion + "')");
        }
        if (!version.equals(coreVersion)) {
            throw new ModuleException("module <" + name + "> (" + path + "): version mismatch: core is '"
                    + coreVersion + "', module is '" + version + "'");
        }
        if (flags == null) {
            throw new ModuleException("module <" + name + "> (" + path + "): BUG: no compile flags in the module "
                    + "(core compile flags are '" + coreFlags + "')");
        }
        if (!flags.equals(coreFlags)) {
            throw new ModuleException("module <" + name + "> (" + path + "): compile flags mismatch: core is '"
                    + coreFlags + "', module is '" + flags + "'");
        }
    }

    private void readOpensips(NativeModule m, long exports) {
        ExportsLayout l = core.layout();
        long cmds = NativeMemory.pointer(exports + l.get(EXP_CMDS));
        for (long c = cmds; c != 0 && NativeMemory.pointer(c + l.get(CMD_NAME)) != 0; c += l.get(CMD_SIZE)) {
            addFunction(m, c, NativeMemory.stringAt(c + l.get(CMD_NAME)), NativeMemory.int32(c + l.get(CMD_PARAM_NO)),
                    NativeMemory.int32(c + l.get(CMD_FLAGS)), NativeMemory.pointer(c + l.get(CMD_FUNCTION)),
                    NativeMemory.pointer(c + l.get(CMD_FIXUP)), NativeMemory.pointer(c + l.get(CMD_FREE_FIXUP)), 6);
        }
        readParams(m, NativeMemory.pointer(exports + l.get(EXP_PARAMS)));
        long stats = NativeMemory.pointer(exports + l.get(EXP_STATS));
        readStats(m, stats);
        long mi = NativeMemory.pointer(exports + l.get(EXP_MI_CMDS));
        for (long c = mi; c != 0 && NativeMemory.pointer(c + l.get(MI_NAME)) != 0; c += l.get(MI_SIZE)) {
            CoreCalls k = core.calls();
            m.addMiCommand(new NativeModule.MiExport(NativeMemory.string(k.sb_mi_export_field(c, 0)),
                    NativeMemory.string(k.sb_mi_export_field(c, 1)), k.sb_mi_export_field(c, 2),
                    (int) k.sb_mi_export_field(c, 3), k.sb_mi_export_field(c, 4), k.sb_mi_export_field(c, 5)));
        }
        long items = NativeMemory.pointer(exports + l.get(EXP_ITEMS));
        for (long c = items; c != 0 && NativeMemory.pointer(c + l.get(PV_NAME_S)) != 0; c += l.get(PV_SIZE)) {
            int len = NativeMemory.int32(c + l.get(PV_NAME_LEN));
            String s = NativeMemory.stringAt(c + l.get(PV_NAME_S));
            m.addPseudoVariable(s.length() > len ? s.substring(0, len) : s);
            m.addPseudoVariableExport(s.length() > len ? s.substring(0, len) : s, c);
        }
        long procs = NativeMemory.pointer(exports + l.get(EXP_PROCS));
        m.procsAddress(procs);
        m.procsSlot(exports + l.get(EXP_PROCS));
        for (long c = procs; c != 0 && NativeMemory.pointer(c + l.get(PROC_NAME)) != 0; c += l.get(PROC_SIZE)) {
            m.addProcess(NativeMemory.stringAt(c + l.get(PROC_NAME)));
        }
        m.entryPoints(NativeMemory.pointer(exports + l.get(EXP_INIT_F)),
                NativeMemory.pointer(exports + l.get(EXP_RESPONSE_F)),
                NativeMemory.pointer(exports + l.get(EXP_DESTROY_F)),
                NativeMemory.pointer(exports + l.get(EXP_INIT_CHILD_F)), stats);
    }

    private void readOpenser(NativeModule m, long exports) {
        ExportsLayout l = core.layout();
        long cmds = NativeMemory.pointer(exports + l.get(OSER_EXP_CMDS));
        for (long c = cmds; c != 0 && NativeMemory.pointer(c + l.get(OSER_CMD_NAME)) != 0; c += l.get(OSER_CMD_SIZE)) {
            addFunction(m, c, NativeMemory.stringAt(c + l.get(OSER_CMD_NAME)),
                    NativeMemory.int32(c + l.get(OSER_CMD_PARAM_NO)), NativeMemory.int32(c + l.get(OSER_CMD_FLAGS)),
                    NativeMemory.pointer(c + l.get(OSER_CMD_FUNCTION)), NativeMemory.pointer(c + l.get(OSER_CMD_FIXUP)),
                    0, 2);
        }
        readParams(m, NativeMemory.pointer(exports + l.get(OSER_EXP_PARAMS)));
        long stats = NativeMemory.pointer(exports + l.get(OSER_EXP_STATS));
        readStats(m, stats);
        m.entryPoints(NativeMemory.pointer(exports + l.get(OSER_EXP_INIT_F)),
                NativeMemory.pointer(exports + l.get(OSER_EXP_RESPONSE_F)),
                NativeMemory.pointer(exports + l.get(OSER_EXP_DESTROY_F)),
                NativeMemory.pointer(exports + l.get(OSER_EXP_INIT_CHILD_F)), stats);
    }

    private static void addFunction(NativeModule m, long address, String name, int paramNo, int flags,
                                    long function, long fixup, long freeFixup, int maxParams) {
        if (paramNo < 0 || paramNo > maxParams) {
            throw new ModuleException("module <" + m.name() + ">: function <" + name + "> declares " + paramNo
                    + " parameters; a " + m.dialect().configName + " module function takes at most " + maxParams);
        }
        if (function == 0 && fixup == 0) {
            throw new ModuleException("module <" + m.name() + ">: BUG: function <" + name + "> has no code (NULL)");
        }
        // function NULL with a fixup: 1.11's way to retire a function (uri's check_to, group's
        // is_user_in): the fixup refuses every use with a message naming the replacement.
        m.addFunction(new NativeFunction(m, name, paramNo, flags, function, fixup, freeFixup, address));
    }

    private void readParams(NativeModule m, long params) {
        ExportsLayout l = core.layout();
        for (long p = params; p != 0 && NativeMemory.pointer(p + l.get(PARAM_NAME)) != 0; p += l.get(PARAM_SIZE)) {
            String name = NativeMemory.stringAt(p + l.get(PARAM_NAME));
            int type = NativeMemory.int32(p + l.get(PARAM_TYPE));
            ParamType t = ParamType.ofFlag(type & ~NativeParam.USE_FUNC_PARAM);
            if (t == null) {
                throw new ModuleException("module <" + m.name() + ">: parameter <" + name + "> has unknown type "
                        + Integer.toHexString(type));
            }
            m.addParam(new NativeParam(m, name, t, (type & NativeParam.USE_FUNC_PARAM) != 0,
                    NativeMemory.pointer(p + l.get(PARAM_POINTER))));
        }
    }

    private void readStats(NativeModule m, long stats) {
        ExportsLayout l = core.layout();
        for (long s = stats; s != 0 && NativeMemory.pointer(s + l.get(STAT_NAME)) != 0; s += l.get(STAT_SIZE)) {
            m.addStatistic(NativeMemory.stringAt(s + l.get(STAT_NAME)));
        }
    }
}
