package org.sipbridge.core;

import org.sipbridge.bridge.Dialect;
import org.sipbridge.bridge.MemoryCounters;
import org.sipbridge.bridge.ModuleLoader;
import org.sipbridge.bridge.NativeCore;
import org.sipbridge.bridge.NativeModule;
import org.sipbridge.bridge.RegistryBridge;
import org.sipbridge.module.Argument;
import org.sipbridge.module.CallSite;
import org.sipbridge.module.FunctionExport;
import org.sipbridge.module.JavaModule;
import org.sipbridge.module.MessageContext;
import org.sipbridge.module.Module;
import org.sipbridge.module.ModuleException;
import org.sipbridge.module.ModuleRegistry;
import org.sipbridge.module.ParamExport;
import org.sipbridge.module.ParamType;
import org.sipbridge.module.Statistic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The modules of one server, C and Java, through the OpenSIPS lifecycle:
 * <ol>
 * <li>configuration: {@link #loadModule}, {@link #addJavaModule}, {@link #modparam};</li>
 * <li>{@link #initModules}: init_f in load order (non-zero stops the start), statistics;</li>
 * <li>{@link #bind}: fixups per call site;</li>
 * <li>{@link #childInit}: on each worker thread (ranks 1..N) and once with PROC_MAIN;</li>
 * <li>running: call sites, {@link #onResponse};</li>
 * <li>{@link #close}: free_fixup per call site, destroy_f newest module first, unload.</li>
 * </ol>
 * Errors are ModuleExceptions with the text a user sees; nothing here exits the JVM.
 */
public final class ModuleSystem implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("org.sipbridge.modules");

    /** child_init rank of the main thread. */
    public static final int PROC_MAIN = 0;

    private enum State { CONFIGURING, INITIALIZED, CLOSED }

    private final NativeCore core;
    private final ModuleLoader loader;
    private final ModuleRegistry registry = new ModuleRegistry();
    private final RegistryBridge bridge;
    private final List<Path> mpath = new ArrayList<>();
    private final Set<String> threadSafe = new HashSet<>();
    private final List<CallSite> callSites = Collections.synchronizedList(new ArrayList<>());
    private State state = State.CONFIGURING;
    private Integer configLogLevel;
    /** Modules with a response_f, newest first: fixed at init, read for every relayed reply. */
    private volatile Module[] responders = new Module[0];
    /** Java stand-ins registered only when a loadmodule finds no file of that name ("tm"). */
    private final java.util.Map<String, java.util.function.Supplier<JavaModule>> standIns = new java.util.HashMap<>();

    public ModuleSystem() {
        this(NativeCore.get());
    }

    public ModuleSystem(NativeCore core) {
        org.sipbridge.db.DbBridge.install(core);   // the Java DB drivers behind db_bind_mod
        this.core = core;
        this.loader = new ModuleLoader(core);
        this.bridge = new RegistryBridge(core, registry);
    }

    public NativeCore core() {
        return core;
    }

    public ModuleRegistry registry() {
        return registry;
    }

    /** The mpath directories loadmodule searches, in order. */
    public void setMpath(List<Path> dirs) {
        mpath.clear();
        mpath.addAll(dirs);
    }

    /** Lets a C module's code run on several threads at once (configuration says it may). */
    public void declareThreadSafe(String moduleName) {
        threadSafe.add(moduleName.toLowerCase(Locale.ROOT));
    }

    /** The configuration's log_level (null: follow the SLF4J configuration only). */
    public void setConfigLogLevel(Integer level) {
        this.configLogLevel = level;
        applyLogLevel();
    }

    /**
     * Sets the level C's LM_* macros test: the most verbose level any module's SLF4J logger
     * accepts, capped by log_level. Call again after changing logger levels at run time.
     */
    public void applyLogLevel() {
        core.log().applyLevel(registry.modules().stream().map(Module::name).toList(), configLogLevel);
    }

    /**
     * loadmodule: resolves the name against mpath, loads and checks it. The same module
     * twice is a warning and the first one stays. dialect null means "recognise it".
     */
    public Module loadModule(String nameOrPath, Dialect dialect) {
        requireState(State.CONFIGURING, "loadmodule");
        if (nameOrPath.endsWith(".jar")) {
            return JavaModuleJars.load(this, nameOrPath, mpath);   // Java modules from a jar (ServiceLoader)
        }
        Path path;
        try {
            path = ModuleLoader.resolve(nameOrPath, mpath);
        } catch (ModuleException notFound) {
            // OpenSIPS configurations load modules sipbridge provides in Java (sl): no file
            // is needed for those, and the Java module stands in for the C one.
            Module builtIn = builtInFor(nameOrPath);
            if (builtIn == null) {
                builtIn = JavaModuleJars.fromClassPath(this, nameOrPath);   // httpd, mi_http, prometheus...
            }
            if (builtIn == null) {
                throw notFound;
            }
            LOG.info("loadmodule \"{}\": provided by sipbridge itself (Java module {})", nameOrPath, builtIn.name());
            ((JavaModule) builtIn).markLoadedByConfig();
            return builtIn;
        }
        for (Module m : registry.modules()) {
            if (m instanceof NativeModule nm && nm.path().equals(path)) {
                LOG.warn("module {} ({}) is already loaded, ignoring loadmodule \"{}\"", m.name(), path, nameOrPath);
                return m;
            }
        }
        String stem = path.getFileName().toString().replaceFirst("\\.so$", "");
        NativeModule m = loader.load(path, dialect, threadSafe.contains(stem.toLowerCase(Locale.ROOT)));
        Module javaStandIn = registry.module(m.name()).orElse(null);
        if (javaStandIn instanceof JavaModule jm && !jm.loadedByConfig()) {
            // sipbridge's own Java module of that name (sl) was there before the configuration:
            // the C module the configuration names and mpath holds serves instead.
            registry.remove(jm);
            if (jm.statisticObjects().isEmpty()) {
                core.calls().sb_module_release(jm.nativeIndex());
            }
            LOG.info("loadmodule \"{}\": the C module {} serves, not sipbridge's Java {}", nameOrPath, path, jm.name());
        }
        if (registry.module(m.name()).isPresent()) {
            m.unload();
            LOG.warn("a module named {} is already loaded, ignoring {}", m.name(), path);
            return registry.module(m.name()).get();
        }
        if (!m.threadSafe() && threadSafe.contains(m.name().toLowerCase(Locale.ROOT))) {
            core.calls().sb_module_set_thread_safe(m.nativeIndex(), 1);
        }
        registry.add(m);
        applyLogLevel();
        LOG.debug("loaded module {} {} ({}) from {}", m.name(), m.version(), m.kind(), path);
        return m;
    }

    /** The Java module a loadmodule name without a file stands for ("sl.so" -> sl), or null. */
    private Module builtInFor(String nameOrPath) {
        String stem = Path.of(nameOrPath).getFileName().toString().replaceFirst("\\.so$", "");
        Module registered = registry.module(stem).filter(m -> m instanceof JavaModule).orElse(null);
        if (registered == null && standIns.containsKey(stem)) {
            JavaModule m = standIns.get(stem).get();
            addJavaModule(m);
            return m;
        }
        return registered;
    }

    /**
     * A Java module that serves {@code loadmodule "<name>.so"} when no such file is on mpath
     * (sipbridge's own tm): unlike an always-registered Java module, a C module of that name
     * found on mpath wins.
     */
    public void addStandIn(String name, java.util.function.Supplier<JavaModule> factory) {
        requireState(State.CONFIGURING, "adding a stand-in module");
        standIns.put(name, factory);
    }

    /** Registers a Java module: a native record (accounting, statistics) and its exports. */
    public void addJavaModule(JavaModule m) {
        requireState(State.CONFIGURING, "adding a Java module");
        if (registry.module(m.name()).isPresent()) {
            throw new ModuleException("a module named " + m.name() + " is already loaded");
        }
        int index = core.calls().sb_module_new(m.name(), 1);
        if (index <= 0) {
            throw new ModuleException("too many modules");
        }
        m.assignNativeIndex(index);
        for (Statistic s : m.statisticObjects()) {
            long var = core.calls().sb_stat_register(index, s.name(), s.flags());
            if (var == 0) {
                throw new ModuleException("module " + m.name() + ": cannot register statistic " + s.name()
                        + " (name already used?)");
            }
            s.attach(new com.sun.jna.Pointer(core.calls().sb_stat_counter(var)).getByteBuffer(0, 8));
        }
        registry.add(m);
    }

    /**
     * modparam(moduleRegex, name, value): every module whose name matches the anchored,
     * case-insensitive regex and has the parameter gets the value. value is a String or
     * an Integer, and must match the parameter's type.
     */
    public void modparam(String moduleRegex, String name, Object value) {
        requireState(State.CONFIGURING, "modparam");
        List<Module> mods = registry.matching(moduleRegex);
        if (mods.isEmpty()) {
            throw new ModuleException("no module matching <" + moduleRegex + "> found");
        }
        ParamType given = value instanceof Integer ? ParamType.INTEGER : ParamType.STRING;
        int set = 0;
        for (Module m : mods) {
            // as 1.11: a module may export a name twice, once per type (usrloc's nat_bflag
            // takes a flag name or a number); the first export of the given type is set
            ParamExport named = null;
            ParamExport typed = null;
            for (ParamExport p : m.params()) {
                if (p.name().equals(name)) {
                    named = named == null ? p : named;
                    if (p.type() == given) {
                        typed = p;
                        break;
                    }
                }
            }
            if (named == null) {
                continue;
            }
            if (typed == null) {
                throw new ModuleException("type mismatch for parameter <" + name + "> in module <" + m.name()
                        + ">: it takes " + named.type().describe() + ", the configuration gives "
                        + given.describe());
            }
            typed.set(value);
            set++;
        }
        if (set == 0) {
            throw new ModuleException("parameter <" + name + "> not found in module <" + moduleRegex + ">");
        }
    }

    /** init_f of every module in load order; the first failure stops the start. */
    public void initModules() {
        requireState(State.CONFIGURING, "init");
        applyLogLevel();
        for (Module m : registry.modules()) {
            int r = m.init();
            if (r != 0) {
                throw new ModuleException("init_f of module " + m.name() + " failed (returned " + r + ")");
            }
        }
        responders = registry.newestFirst().stream().filter(Module::handlesResponses).toArray(Module[]::new);
        state = State.INITIALIZED;
    }

    public boolean initialized() {
        return state == State.INITIALIZED;
    }

    /** The function a script uses (see ModuleRegistry#lookup for the errors). */
    public FunctionExport lookup(String name, int paramCount, int routeType) {
        return registry.lookup(name, paramCount, routeType);
    }

    /** Runs the fixups of one call site; it is closed (free_fixup) at shutdown. */
    public CallSite bind(FunctionExport f, List<Argument> args) {
        requireState(State.INITIALIZED, "fixups");
        CallSite cs = f.bind(args);
        callSites.add(cs);
        return cs;
    }

    /** init_child_f(rank) of every module, on the calling thread, in load order. */
    public void childInit(int rank) {
        requireState(State.INITIALIZED, "child_init");
        for (Module m : registry.modules()) {
            int r = m.childInit(rank);
            if (r < 0) {
                throw new ModuleException("child_init(" + rank + ") of module " + m.name() + " failed (returned "
                        + r + ")");
            }
        }
    }

    /** response_f of every module that has one, newest first; 0 from any drops the reply. */
    public int onResponse(MessageContext ctx) {
        for (Module m : responders) { // no list copy, no registry lock per reply
            if (m.onResponse(ctx) == 0) {
                return 0;
            }
        }
        return 1;
    }

    /** pkg or shm accounting of a module. */
    public MemoryCounters memory(Module m, int pool) {
        return MemoryCounters.of(core.calls(), m.nativeIndex(), pool);
    }

    /** free_fixup of every call site, destroy_f newest module first, then unload. */
    @Override
    public void close() {
        if (state == State.CLOSED) {
            return;
        }
        boolean initialized = state == State.INITIALIZED;
        state = State.CLOSED;
        List<CallSite> sites;
        synchronized (callSites) {
            sites = new ArrayList<>(callSites);
            callSites.clear();
        }
        Collections.reverse(sites);
        for (CallSite cs : sites) {
            try {
                cs.close();
            } catch (RuntimeException e) {
                LOG.error("freeing a call site failed", e);
            }
        }
        List<Module> mods = registry.newestFirst();
        if (initialized) {
            for (Module m : mods) {
                try {
                    m.destroy();
                } catch (RuntimeException e) {
                    LOG.error("destroy of module {} failed", m.name(), e);
                }
            }
        }
        for (Module m : mods) {
            m.unload();
            if (m instanceof JavaModule) {
                core.calls().sb_stats_unregister(m.nativeIndex());
                core.calls().sb_module_release(m.nativeIndex());
            }
        }
        bridge.close();
    }

    private void requireState(State wanted, String what) {
        if (state != wanted) {
            throw new IllegalStateException(what + " is not allowed now (modules are " + state.name().toLowerCase(Locale.ROOT) + ")");
        }
    }
}
