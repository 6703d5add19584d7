package org.sipbridge.server;

import org.sipbridge.module.Module;
import org.sipbridge.script.CompiledScript;
import org.sipbridge.script.compile.ScriptCompiler;
import org.sipbridge.server.transport.SipTransport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;

/**
 * The one-screen start-up summary: listeners (epoll or NIO, receivers), workers, modules
 * with version and dialect, the functions the routes call (module:name/params and where),
 * and the route blocks.
 */
final class StartupSummary {
    private StartupSummary() {
    }

    static List<String> lines(Path file, CompiledScript script, SipTransport transport, int workers) {
        List<String> out = new ArrayList<>();
        out.add("sipbridge serving " + file);
        out.addAll(transport.summary());
        out.add("modules:");
        for (Module m : script.modules().registry().modules()) {
            out.add(String.format("  %-12s %-44s %s", m.name(), m.version(), m.kind()));
        }
        Set<String> used = new LinkedHashSet<>();
        for (ScriptCompiler.FunctionUse f : script.functionsUsed()) {
            used.add(f.module() + ":" + f.signature());
        }
        out.add("functions: " + (used.isEmpty() ? "(none)" : String.join(", ", used)));
        StringBuilder routes = new StringBuilder("routes:");
        for (Map.Entry<String, Integer> r : script.routeTypes().entrySet()) {
            routes.append(' ').append(r.getKey());
        }
        out.add(routes.toString());
        out.add("ready: " + workers + (workers == 1 ? " worker" : " workers") + " with child_init done");
        return out;
    }
}
