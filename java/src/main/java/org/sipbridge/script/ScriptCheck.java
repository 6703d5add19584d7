package org.sipbridge.script;

import org.sipbridge.module.Module;
import org.sipbridge.module.ModuleException;
import org.sipbridge.module.RouteType;
import org.sipbridge.script.compile.ScriptCompiler;
import org.sipbridge.script.parse.ConfigException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Check mode (opensips -C): the whole start-up — modules loaded, modparams, init, every
 * function found and every fixup run — then a short report, and everything closed again.
 * Nothing listens. The server can call {@link #check} before starting for real.
 */
public final class ScriptCheck {
    /** What a configuration without route{} means (OpenSIPS 1.11 starts with it too). */
    public static final String NO_ROUTE = "no request route (route{}): every request is dropped unanswered"
            + " (OpenSIPS 1.11 accepts such a file too; add route { ... } to handle requests)";
    private ScriptCheck() {
    }

    /** Checks file; the report goes to out, the error to err. 0 when valid, 1 otherwise. */
    public static int check(Path file, CompileOptions options, PrintStream out, PrintStream err) {
        try (CompiledScript script = CompiledScript.compileFile(file, options)) {
            report(file, script, out);
            return 0;
        } catch (ConfigException | ModuleException e) {
            err.println("sipbridge: " + e.getMessage());
        } catch (NoSuchFileException e) {
            err.println("sipbridge: cannot read " + file + ": no such file");
        } catch (IOException e) {
            err.println("sipbridge: cannot read " + file + ": " + e.getMessage());
        } catch (IllegalStateException e) {
            err.println("sipbridge: " + e.getMessage());
        }
        err.println("sipbridge: configuration " + file + " is NOT valid");
        return 1;
    }

    static void report(Path file, CompiledScript script, PrintStream out) {
        ServerConfig c = script.config();
        out.println("listen: " + String.join(" ", c.effectiveListens().stream().map(ServerConfig.Listen::toString)
                .toList()) + (c.listens().isEmpty() ? " (the default: no listen= line)" : ""));
        out.println("children: " + c.children() + ", log_level: " + (c.logLevel() == null ? "(not set)" : c.logLevel()));
        for (String w : c.warnings()) {
            out.println("warning: " + w);
        }
        out.println("modules:");
        for (Module m : script.modules().registry().modules()) {
            out.printf("  %-16s %-45s %s%n", m.name(), m.version(), m.kind());
        }
        out.println("functions:");
        for (ScriptCompiler.FunctionUse f : script.functionsUsed()) {
            out.printf("  %-40s %s%n", f.module() + ":" + f.signature(), f.location());
        }
        out.println("routes:");
        for (Map.Entry<String, Integer> r : script.routeTypes().entrySet()) {
            out.printf("  %-28s %s%n", r.getKey(), RouteType.describe(r.getValue()));
        }
        if (!script.hasRequestRoute()) {
            out.println("WARNING: " + NO_ROUTE);
        }
        out.println("configuration " + file + " is valid");
    }
}
