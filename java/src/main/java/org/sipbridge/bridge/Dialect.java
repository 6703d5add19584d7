package org.sipbridge.bridge;

/** The module interface a C module was written against. */
public enum Dialect {
    /** OpenSIPS 1.11: version in exports, six-parameter functions, free_fixup. */
    OPENSIPS("opensips", "C, OpenSIPS 1.11 dialect"),
    /** OpenSER 1.1: module_version global, two-parameter functions, no free_fixup. */
    OPENSER("openser", "C, OpenSER 1.1 dialect");

    /** The name a configuration uses: loadmodule "x.so" "openser". */
    public final String configName;
    public final String description;

    Dialect(String configName, String description) {
        this.configName = configName;
        this.description = description;
    }

    /** The dialect a configuration names, or null. */
    public static Dialect ofConfigName(String name) {
        for (Dialect d : values()) {
            if (d.configName.equalsIgnoreCase(name)) {
                return d;
            }
        }
        return null;
    }

    /** The trampoline's dialect code (native/invoke.c enum sb_dialect). */
    int nativeCode() {
        return this == OPENSIPS ? 0 : 1;
    }
}
