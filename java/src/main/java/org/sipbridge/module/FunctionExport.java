package org.sipbridge.module;

import java.util.List;

/**
 * A function a module exports: one cmd_export_t of a C module, or its Java equivalent.
 * A script looks functions up by name, parameter count and route type; the same name with
 * another parameter count is another function.
 */
public interface FunctionExport {

    String name();

    int paramCount();

    /** RouteType flags where a script may call it; 0 means API only (find_export). */
    int routeFlags();

    Module module();

    /**
     * Prepares one call site: runs the fixups on the script's arguments (exactly
     * {@link #paramCount()} of them). Only valid after the modules were initialised.
     */
    CallSite bind(List<Argument> args);

    /** name/N, how functions are named in messages. */
    default String signature() {
        return name() + "/" + paramCount();
    }
}
