package org.sipbridge.script.ast;

/** Which module interface layout a C module was built against. */
public enum ModuleDialect {
    /** OpenSIPS 1.11. */
    OPENSIPS("opensips"),
    /** The older OpenSER 1.1 layout. */
    OPENSER("openser");

    private final String token;

    ModuleDialect(String token) {
        this.token = token;
    }

    /** The word written after the module name in {@code loadmodule "x.so" "openser"}. */
    public String token() {
        return token;
    }
}
