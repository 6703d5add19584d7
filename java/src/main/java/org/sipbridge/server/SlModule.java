package org.sipbridge.server;

import org.sipbridge.bridge.NativeCore;
import org.sipbridge.module.JavaModule;

/**
 * The module named "sl": what OpenSIPS's sl module offers C modules, served by the core.
 * It exports the native API {@code load_sl} (find_export("load_sl", 0, 0), as
 * {@code load_sl_api()} in include/modules/sl/sl_api.h does), implemented in
 * native/sl_api.c, whose reply functions come back to the worker's
 * {@link LocalReplies} through {@link SlBridge}. The script's sl_send_reply stays a core
 * function; this module adds no script functions.
 */
public final class SlModule extends JavaModule {
    public static final String NAME = "sl";

    public SlModule(NativeCore core) {
        super(NAME, "sipbridge " + java.util.Objects.requireNonNullElse(
                SlModule.class.getPackage().getImplementationVersion(), "(development build)"));
        SlBridge.install(core);
        nativeApi("load_sl", 0, core.symbol("sb_core_load_sl"));   // not "load_sl": native/sl_api.c says why
    }
}
