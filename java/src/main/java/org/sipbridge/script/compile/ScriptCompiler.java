package org.sipbridge.script.compile;

import org.sipbridge.bridge.Dialect;
import org.sipbridge.core.ModuleSystem;
import org.sipbridge.module.JavaModule;
import org.sipbridge.module.ModuleException;
import org.sipbridge.script.CompileOptions;
import org.sipbridge.script.ServerConfig;
import org.sipbridge.script.ast.Constant;
import org.sipbridge.script.ast.LoadModule;
import org.sipbridge.script.ast.ModParam;
import org.sipbridge.script.ast.ModuleDialect;
import org.sipbridge.script.ast.RouteBlock;
import org.sipbridge.script.ast.Script;
import org.sipbridge.script.ast.SourceLocation;
import org.sipbridge.script.builtin.CoreFunctions;
import org.sipbridge.script.parse.ConfigException;
import org.sipbridge.script.pv.NativePvBridge;
import org.sipbridge.script.pv.PvResolver;
import org.sipbridge.script.step.Route;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Start-up, in OpenSIPS's order: settings (thread-safe modules, mpath, log_level), the core
 * functions, loadmodule and modparam lines in file order, the route call graph, every block
 * compiled into steps (functions found, pseudo-variables and patterns resolved), the
 * modules' init, then every call site's fixups. Any refusal is a ConfigException naming the
 * line (module errors get the location of the line that caused them); the modules loaded
 * so far are closed.
 */
public final class ScriptCompiler {

    /** What compiling produced, for {@link org.sipbridge.script.CompiledScript}. */
    public record Result(ServerConfig config, ModuleSystem modules, Map<String, Route> routes,
                         List<FunctionUse> functions) {
    }

    /** One function call of the script, for check mode. */
    public record FunctionUse(String module, String signature, SourceLocation location) {
    }

    private static final org.slf4j.Logger CONFIG_LOG = org.slf4j.LoggerFactory.getLogger("org.sipbridge.config");

    private ScriptCompiler() {
    }

    public static Result compile(Script script, CompileOptions options) {
        ServerConfig config = ServerConfig.of(script, options.workingDirectory());
        for (String w : config.warnings()) {
            CONFIG_LOG.warn(w);
        }
        ModuleSystem ms = new ModuleSystem();
        org.sipbridge.script.run.FlagNames.reset(); // a configuration's flag names are its own
        if (config.core().get("tcp_no_new_conn_bflag") != null) {
            // 1.11 names this branch flag while it parses the settings, before any module
            org.sipbridge.script.run.FlagNames.bit(org.sipbridge.script.run.FlagNames.BRANCH,
                    config.core().get("tcp_no_new_conn_bflag").toString());
        }
        try {
            ms.setMpath(config.mpath());
            for (String m : config.threadSafeModules()) {
                ms.declareThreadSafe(m);
            }
            ms.setConfigLogLevel(config.logLevel());
            // 1.11's signature settings, before any reply is built (C modules read the globals)
            ms.core().calls().sb_set_signature(config.serverSignature() ? 1 : 0, config.serverHeader(),
                    config.userAgentHeader());
            PvResolver pvs = new PvResolver();
            NativePvBridge.get().use(pvs);
            org.sipbridge.script.pv.AvpBridge.install();   // usr_avp.h over the $avp store
            org.sipbridge.script.pv.DsetBridge.install();  // dset.h over the destination set
            pvs.useModulePvs(new org.sipbridge.script.pv.ModulePvs(ms));   // module_exports.items, for the script and C
            ms.addJavaModule(new CoreFunctions(pvs, ms.core().calls(), config.logLevel()));
            for (JavaModule m : options.javaModules()) {
                ms.addJavaModule(m);
            }
            options.standIns().forEach(ms::addStandIn);
            org.sipbridge.script.NativeRoutes.get().install(script);   // route tables before mod_init
            moduleDirectives(script, ms);

            RouteGraph graph = new RouteGraph(script);
            Map<RouteBlock, Route> routes = new IdentityHashMap<>();
            Map<String, Route> byName = new LinkedHashMap<>();
            for (RouteBlock b : script.blocks()) {
                Route r = new Route(b.displayName(), graph.types(b));
                routes.put(b, r);
                byName.put(b.displayName(), r);
            }
            CompileContext cx = new CompileContext(pvs, config.localAddresses(), ms);
            int loops = config.maxWhileLoops(0);
            if (loops > 0) {
                cx.maxWhileLoops = loops;
            }
            StatementCompiler statements = new StatementCompiler(cx, graph, routes);
            for (RouteBlock b : script.blocks()) {
                cx.routeTypes = graph.types(b);
                routes.get(b).setBody(statements.block(b.body()));
            }

            ms.core().calls().sb_script_funcs_reset();   // is_script_func_used, for mod_init
            for (CompileContext.PendingCall p : cx.calls()) {
                ms.core().calls().sb_script_funcs_add(p.function().name(), p.function().paramCount());
            }
            ms.initModules();
            cx.bindAll();

            List<FunctionUse> uses = new ArrayList<>();
            for (CompileContext.PendingCall p : cx.calls()) {
                uses.add(new FunctionUse(p.function().module().name(), p.function().signature(), p.location()));
            }
            return new Result(config, ms, byName, uses);
        } catch (RuntimeException | Error e) {
            ms.close();
            throw e;
        }
    }

    /** loadmodule and modparam lines in file order: a modparam applies to modules loaded before it. */
    private static void moduleDirectives(Script script, ModuleSystem ms) {
        List<Object> directives = new ArrayList<>(script.modules());
        directives.addAll(script.modParams());
        directives.sort(Comparator.comparing(ScriptCompiler::locationOf,
                Comparator.comparingInt(SourceLocation::line).thenComparingInt(SourceLocation::column)));
        for (Object d : directives) {
            if (d instanceof LoadModule lm) {
                Dialect dialect = lm.dialect().map(x -> x == ModuleDialect.OPENSER ? Dialect.OPENSER : Dialect.OPENSIPS)
                        .orElse(null);
                try {
                    ms.loadModule(lm.path(), dialect);
                } catch (ModuleException e) {
                    throw new ConfigException(lm.location(), e.getMessage());
                }
            } else {
                ModParam mp = (ModParam) d;
                Object value = mp.value() instanceof Constant.Int i ? (Object) i.value()
                        : ((Constant.Text) mp.value()).value();
                try {
                    ms.modparam(mp.module().value(), mp.parameter().value(), value);
                } catch (ModuleException e) {
                    String expected = e.getMessage().startsWith("no module matching")
                            ? "a loadmodule of it before this line" : null;
                    throw new ConfigException(mp.location(), e.getMessage(), expected);
                }
            }
        }
    }

    private static SourceLocation locationOf(Object directive) {
        return directive instanceof LoadModule lm ? lm.location() : ((ModParam) directive).location();
    }
}
