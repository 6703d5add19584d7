package org.sipbridge.module;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Base class of modules written in Java. A subclass declares its exports in its
 * constructor, like a C module's exports struct:
 *
 * <pre>{@code
 * final class Hello extends JavaModule {
 *     private final AtomicReference<String> greeting = stringParam("greeting", "hello");
 *     private final Statistic said = statistic("hello_said", 0);
 *     Hello() {
 *         super("hello");
 *         function("say_hello", 0, RouteType.REQUEST, args -> ctx -> { said.increment(); return 1; });
 *     }
 * }
 * }</pre>
 *
 * and overrides {@link #init}, {@link #childInit}, {@link #destroy} as needed. Functions are
 * looked up exactly like C ones, and C modules can bind them (and native APIs declared
 * with {@link #nativeApi}) through find_export. Java modules are thread-safe: Java code
 * must not rely on the core's per-module lock.
 */
public abstract class JavaModule implements Module {
    private final String name;
    private final String version;
    private final List<FunctionExport> functions = new ArrayList<>();
    private final List<ParamExport> params = new ArrayList<>();
    private final List<Statistic> statistics = new ArrayList<>();
    private final List<NativeApi> nativeApis = new ArrayList<>();
    private final List<org.sipbridge.mi.MiCommand> miCommands = new ArrayList<>();
    private int nativeIndex;
    private volatile boolean loadedByConfig;

    /** A function implemented in C (usually by the core library) that C modules bind. */
    public record NativeApi(String name, int paramCount, long address) {
    }

    protected JavaModule(String name) {
        this(name, "sipbridge " + JavaModule.class.getPackage().getImplementationVersion());
    }

    protected JavaModule(String name, String version) {
        this.name = name;
        this.version = version;
    }

    // ---- declarations, for subclass constructors

    /** Exports a script function with paramCount parameters, allowed in routeFlags blocks. */
    protected final void function(String fname, int paramCount, int routeFlags, JavaFunction impl) {
        if (paramCount < 0 || paramCount > 6) {
            throw new IllegalArgumentException(fname + ": 0..6 parameters, not " + paramCount);
        }
        functions.add(new JavaFunctionExport(this, fname, paramCount, routeFlags, impl));
    }

    /** An integer modparam with a default; read it with get() at init or run time. */
    protected final AtomicInteger intParam(String pname, int defaultValue) {
        AtomicInteger holder = new AtomicInteger(defaultValue);
        param(pname, ParamType.INTEGER, v -> holder.set((Integer) v));
        return holder;
    }

    /** A string modparam with a default. */
    protected final AtomicReference<String> stringParam(String pname, String defaultValue) {
        AtomicReference<String> holder = new AtomicReference<>(defaultValue);
        param(pname, ParamType.STRING, v -> holder.set((String) v));
        return holder;
    }

    /** A modparam handled by a setter (the USE_FUNC_PARAM style). */
    protected final void param(String pname, ParamType type, ParamSetter setter) {
        params.add(new ParamExport() {
            @Override
            public String name() {
                return pname;
            }

            @Override
            public ParamType type() {
                return type;
            }

            @Override
            public boolean usesFunction() {
                return true;
            }

            @Override
            public void set(Object value) {
                setter.set(value);
            }
        });
    }

    /** A statistic, registered in the core's registry when the module is added. */
    protected final Statistic statistic(String sname, int flags) {
        Statistic s = new Statistic(sname, flags);
        statistics.add(s);
        return s;
    }

    /**
     * An API for C modules only (flags 0, like load_sl): find_export(name, paramCount, 0)
     * returns the native function at address.
     */
    protected final void nativeApi(String aname, int paramCount, long address) {
        nativeApis.add(new NativeApi(aname, paramCount, address));
    }

    /**
     * An MI command (reached like a C module's mi_cmds: HTTP JSON-RPC, the CLI). It runs on
     * the transport's thread: Java modules are thread-safe.
     */
    protected final void miCommand(String cname, String help,
                                   java.util.function.Function<org.sipbridge.mi.MiParams,
                                           com.fasterxml.jackson.databind.JsonNode> body) {
        String owner = name;
        miCommands.add(new org.sipbridge.mi.MiCommand() {
            @Override
            public String name() {
                return cname;
            }

            @Override
            public String module() {
                return owner;
            }

            @Override
            public String help() {
                return help;
            }

            @Override
            public com.fasterxml.jackson.databind.JsonNode run(org.sipbridge.mi.MiParams p) {
                return body.apply(p);
            }
        });
    }

    public final List<org.sipbridge.mi.MiCommand> miCommands() {
        return Collections.unmodifiableList(miCommands);
    }

    /** The configuration named it in a loadmodule line (built-in modules are always registered). */
    public final void markLoadedByConfig() {
        loadedByConfig = true;
    }

    public final boolean loadedByConfig() {
        return loadedByConfig;
    }

    // ---- lifecycle defaults

    @Override
    public int init() {
        return 0;
    }

    @Override
    public int childInit(int rank) {
        return 0;
    }

    @Override
    public void destroy() {
    }

    @Override
    public boolean handlesResponses() {
        return false;
    }

    @Override
    public int onResponse(MessageContext ctx) {
        return 1;
    }

    @Override
    public void unload() {
    }

    @Override
    public boolean threadSafe() {
        return true;
    }

    // ---- Module

    @Override
    public final String name() {
        return name;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public String kind() {
        return "Java";
    }

    @Override
    public final int nativeIndex() {
        return nativeIndex;
    }

    /** Set once by the module system when it registers the module natively. */
    public final void assignNativeIndex(int index) {
        if (nativeIndex != 0) {
            throw new IllegalStateException("module " + name + " is already registered");
        }
        nativeIndex = index;
    }

    @Override
    public final List<FunctionExport> functions() {
        return Collections.unmodifiableList(functions);
    }

    @Override
    public final List<ParamExport> params() {
        return Collections.unmodifiableList(params);
    }

    @Override
    public final List<String> statistics() {
        return statistics.stream().map(Statistic::name).toList();
    }

    public final List<Statistic> statisticObjects() {
        return Collections.unmodifiableList(statistics);
    }

    public final List<NativeApi> nativeApis() {
        return Collections.unmodifiableList(nativeApis);
    }

    private static final class JavaFunctionExport implements FunctionExport {
        private final JavaModule module;
        private final String name;
        private final int paramCount;
        private final int routeFlags;
        private final JavaFunction impl;

        JavaFunctionExport(JavaModule module, String name, int paramCount, int routeFlags, JavaFunction impl) {
            this.module = module;
            this.name = name;
            this.paramCount = paramCount;
            this.routeFlags = routeFlags;
            this.impl = impl;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int paramCount() {
            return paramCount;
        }

        @Override
        public int routeFlags() {
            return routeFlags;
        }

        @Override
        public Module module() {
            return module;
        }

        @Override
        public CallSite bind(List<Argument> args) {
            if (args.size() != paramCount) {
                throw new ModuleException("function " + name + " of module " + module.name() + " takes "
                        + paramCount + " parameters, " + args.size() + " given");
            }
            return impl.bind(args);
        }

        @Override
        public String toString() {
            return module.name() + ":" + signature();
        }
    }
}
