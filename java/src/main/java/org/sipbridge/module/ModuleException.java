package org.sipbridge.module;

/**
 * A module or its use is wrong: refused at load, modparam, init, fixup or lookup time.
 * The message is the text a user sees; callers that know the configuration line prefix it
 * with {@code file:line:column}.
 */
public class ModuleException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ModuleException(String message) {
        super(message);
    }

    public ModuleException(String message, Throwable cause) {
        super(message, cause);
    }
}
