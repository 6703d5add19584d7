package org.sipbridge.server;

import org.sipbridge.module.Module;
import org.sipbridge.module.ModuleException;
import org.sipbridge.module.RouteType;
import org.sipbridge.script.CompiledScript;
import org.sipbridge.script.ServerConfig;
import org.sipbridge.script.ast.Script;
import org.sipbridge.script.compile.ScriptCompiler;
import org.sipbridge.script.parse.ConfigException;
import org.sipbridge.script.parse.ScriptParser;
import org.sipbridge.server.transport.ListenAddress;
import org.sipbridge.server.transport.TransportConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code sipbridge -c} (opensips -C): the start-up a real start does — parse, modules loaded,
 * modparams, every mod_init, every fixup — through the same error path (a module's failure
 * carries the file:line of its loadmodule), then the listeners the server would bind (the
 * default one too), the modules, functions and routes, and everything closed again.
 */
public final class ConfigCheck {
    private ConfigCheck() {
    }

    /** 0 when the configuration is valid, 1 otherwise (the reason on err). */
    public static int check(Path file, ServerOptions options, PrintStream out, PrintStream err) {
        Script parsed = null;
        try {
            parsed = ScriptParser.parseFile(file);
            out.println("checking " + file + ": loading modules, running modparam, mod_init of every module and "
                    + "the fixups of every call, as a start does (nothing listens)");
            try (CompiledScript script = CompiledScript.compile(parsed, options.compileOptions())) {
                TransportConfig t = TransportSettings.from(script.config());
                report(file, script, t, out);
            }
            return 0;
        } catch (NoSuchFileException e) {
            err.println("sipbridge: cannot read " + file + ": no such file");
        } catch (IOException e) {
            err.println("sipbridge: cannot read " + file + ": " + e.getMessage());
        } catch (ConfigException | ServerException e) {
            err.println("sipbridge: " + e.getMessage());
        } catch (ModuleException | IllegalStateException e) {
            err.println("sipbridge: " + (parsed == null ? e.getMessage() : StartupErrors.located(parsed, e.getMessage())));
        }
        err.println("sipbridge: configuration " + file + " is NOT valid");
        return 1;
    }

    private static void report(Path file, CompiledScript script, TransportConfig t, PrintStream out) {
        ServerConfig c = script.config();
        StringBuilder l = new StringBuilder();
        for (ListenAddress a : t.listeners()) {
            l.append(l.length() == 0 ? "" : " ").append(a);
        }
        out.println("listen: " + l + (c.listens().isEmpty() ? " (the default: no listen= line)" : ""));
        out.println("children: " + t.workers() + ", log_level: " + (c.logLevel() == null ? "(not set)" : c.logLevel()));
        out.println("modules (mod_init ran):");
        for (Module m : script.modules().registry().modules()) {
            out.printf("  %-16s %-45s %s%n", m.name(), m.version(), m.kind());
        }
        out.println("functions (fixups ran):");
        for (ScriptCompiler.FunctionUse f : script.functionsUsed()) {
            out.printf("  %-40s %s%n", f.module() + ":" + f.signature(), f.location());
        }
        out.println("routes:");
        for (Map.Entry<String, Integer> r : script.routeTypes().entrySet()) {
            out.printf("  %-28s %s%n", r.getKey(), RouteType.describe(r.getValue()));
        }
        out.println("configuration " + file + " is valid");
    }
}
