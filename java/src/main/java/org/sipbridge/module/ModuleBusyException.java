package org.sipbridge.module;

/**
 * A module function could not be called: its module's lock did not come within
 * {@code module_lock_timeout} (another thread is stuck in that module's code). The script
 * run ends; the server takes the script's error path (error_route, else a 500). One
 * instance per call site, without a stack trace: throwing it costs nothing.
 */
public final class ModuleBusyException extends RuntimeException {
    private final String module;
    private final String function;

    public ModuleBusyException(String module, String function) {
        super("module " + module + " is busy (its lock did not come within module_lock_timeout): " + function
                + " not called", null, false, false);
        this.module = module;
        this.function = function;
    }

    public String module() {
        return module;
    }

    public String function() {
        return function;
    }
}
